package io.dapp.adapters.env.store;

import io.dapp.domain.error.UserText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.HistoryEntry;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OCI manifests and image configs as JSON. Written with every field in a fixed order and no whitespace, so
 * the same values always give the same bytes, hence the same digests; read leniently (Docker's v2
 * manifests too), keeping only what dapp uses.
 */
final class ImageJson {

  private final ObjectMapper mapper = new ObjectMapper();

  byte[] manifest(ImageManifest manifest) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaType.OCI_MANIFEST.value());
    root.set("config", descriptor(manifest.config()));
    ArrayNode layers = root.putArray("layers");
    manifest.layers().forEach(layer -> layers.add(descriptor(layer)));
    return bytes(root);
  }

  ObjectNode descriptor(Descriptor descriptor) {
    ObjectNode node = mapper.createObjectNode();
    node.put("mediaType", descriptor.mediaType());
    node.put("digest", descriptor.digest().toString());
    node.put("size", descriptor.size());
    if (!descriptor.annotations().isEmpty()) {
      ObjectNode annotations = node.putObject("annotations");
      descriptor.sortedAnnotations().forEach(annotations::put);
    }
    return node;
  }

  byte[] config(ImageConfig config) {
    ObjectNode root = mapper.createObjectNode();
    config.created().ifPresent(created -> root.put("created", created));
    root.put("architecture", config.platform().architecture());
    root.put("os", config.platform().os());
    config.platform().variant().ifPresent(variant -> root.put("variant", variant));
    root.set("config", containerConfig(config.config()));
    ObjectNode rootfs = root.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    config.diffIds().forEach(d -> diffIds.add(d.toString()));
    if (!config.history().isEmpty()) {
      ArrayNode history = root.putArray("history");
      for (HistoryEntry entry : config.history()) {
        ObjectNode step = history.addObject();
        entry.created().ifPresent(created -> step.put("created", created));
        step.put("created_by", entry.createdBy());
        entry.comment().ifPresent(comment -> step.put("comment", comment));
        if (entry.emptyLayer()) {
          step.put("empty_layer", true);
        }
      }
    }
    return bytes(root);
  }

  private ObjectNode containerConfig(ContainerConfig config) {
    ObjectNode node = mapper.createObjectNode();
    config.user().ifPresent(user -> node.put("User", user));
    if (!config.exposedPorts().isEmpty()) {
      ObjectNode ports = node.putObject("ExposedPorts");
      config.exposedPorts().forEach(port -> ports.putObject(port));
    }
    if (!config.env().isEmpty()) {
      ArrayNode env = node.putArray("Env");
      config.env().forEach(env::add);
    }
    config.entrypoint().ifPresent(entrypoint -> entrypoint.forEach(node.putArray("Entrypoint")::add));
    config.cmd().ifPresent(cmd -> cmd.forEach(node.putArray("Cmd")::add));
    if (!config.volumes().isEmpty()) {
      ObjectNode volumes = node.putObject("Volumes");
      config.volumes().forEach(volume -> volumes.putObject(volume));
    }
    config.workingDir().ifPresent(dir -> node.put("WorkingDir", dir));
    if (!config.labels().isEmpty()) {
      ObjectNode labels = node.putObject("Labels");
      config.labels().forEach(labels::put);
    }
    config.stopSignal().ifPresent(signal -> node.put("StopSignal", signal));
    return node;
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /** A manifest's media type: its own field, or OCI when it has none (the OCI spec makes it optional). */
  String manifestMediaType(byte[] content) throws IOException {
    return text(mapper.readTree(content), "mediaType").orElse(MediaType.OCI_MANIFEST.value());
  }

  ImageManifest readManifest(byte[] content) throws IOException {
    JsonNode root = mapper.readTree(content);
    String mediaType = text(root, "mediaType").orElse(MediaType.OCI_MANIFEST.value());
    if (!mediaType.equals(MediaType.OCI_MANIFEST.value()) && !mediaType.equals(MediaType.DOCKER_MANIFEST.value())) {
      throw new IOException("it is a " + mediaType + ", not an image manifest");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode layer : root.path("layers")) {
      layers.add(readDescriptor(layer));
    }
    return new ImageManifest(readDescriptor(root.path("config")), layers);
  }

  Descriptor readDescriptor(JsonNode node) throws IOException {
    Optional<String> mediaType = text(node, "mediaType");
    Optional<String> digest = text(node, "digest");
    if (mediaType.isEmpty() || digest.isEmpty() || !node.path("size").canConvertToLong()) {
      throw new IOException("a descriptor lacks mediaType, digest or size");
    }
    if (node.path("size").asLong() < 0) {
      throw new IOException("a descriptor has a negative size");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new Descriptor(mediaType.get(), digest(digest.get()), node.path("size").asLong(), annotations);
  }

  ImageConfig readConfig(byte[] content) throws IOException {
    JsonNode root = mapper.readTree(content);
    Platform platform;
    try {
      platform = new Platform(text(root, "os").orElse(""), text(root, "architecture").orElse(""),
          text(root, "variant"));
    } catch (IllegalArgumentException e) {
      throw new IOException("its platform is not os/architecture: " + e.getMessage());
    }
    List<Digest> diffIds = new ArrayList<>();
    for (JsonNode diffId : root.path("rootfs").path("diff_ids")) {
      diffIds.add(digest(diffId.asText()));
    }
    List<HistoryEntry> history = new ArrayList<>();
    for (JsonNode step : root.path("history")) {
      history.add(new HistoryEntry(text(step, "created"), text(step, "created_by").orElse(""),
          text(step, "comment"), step.path("empty_layer").asBoolean(false)));
    }
    try {
      return new ImageConfig(platform, text(root, "created"), readContainerConfig(root.path("config")), diffIds,
          history);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
  }

  private ContainerConfig readContainerConfig(JsonNode node) {
    TreeMap<String, String> labels = new TreeMap<>();
    node.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return new ContainerConfig(text(node, "User").filter(u -> !u.isEmpty()), strings(node.path("Env")),
        node.path("Entrypoint").isArray() ? Optional.of(strings(node.path("Entrypoint"))) : Optional.empty(),
        node.path("Cmd").isArray() ? Optional.of(strings(node.path("Cmd"))) : Optional.empty(),
        keys(node.path("ExposedPorts")), keys(node.path("Volumes")),
        text(node, "WorkingDir").filter(w -> !w.isEmpty()), labels, text(node, "StopSignal"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static TreeSet<String> keys(JsonNode object) {
    TreeSet<String> keys = new TreeSet<>();
    Iterator<String> names = object.fieldNames();
    names.forEachRemaining(keys::add);
    return keys;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.textValue());
  }

  private static Digest digest(String text) throws IOException {
    try {
      return Digest.parse(text);
    } catch (Exception e) {
      throw new IOException(UserText.quote(text) + " is not a digest");
    }
  }
}
