package io.dapp.adapters.env.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.model.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image layout's {@code index.json}: the manifests it names, each with its reference name in the
 * {@code org.opencontainers.image.ref.name} annotation (what {@code skopeo ... oci:DIR:NAME} reads).
 * Entries dapp did not write (by skopeo, say) are kept as they are.
 */
final class IndexJson {

  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final ObjectMapper mapper;
  private final List<ObjectNode> manifests;

  private IndexJson(ObjectMapper mapper, List<ObjectNode> manifests) {
    this.mapper = mapper;
    this.manifests = manifests;
  }

  static IndexJson empty(ObjectMapper mapper) {
    return new IndexJson(mapper, new ArrayList<>());
  }

  static IndexJson parse(ObjectMapper mapper, byte[] content) throws IOException {
    JsonNode root = mapper.readTree(content);
    if (root == null || !root.isObject() || root.path("schemaVersion").asInt() != 2) {
      throw new IOException("it is not an OCI image index (schemaVersion 2)");
    }
    List<ObjectNode> manifests = new ArrayList<>();
    for (JsonNode manifest : root.path("manifests")) {
      if (manifest instanceof ObjectNode object) {
        manifests.add(object);
      }
    }
    return new IndexJson(mapper, manifests);
  }

  Optional<JsonNode> find(String name) {
    return manifests.stream().filter(m -> name.equals(refName(m))).map(JsonNode.class::cast).findFirst();
  }

  List<String> names() {
    return manifests.stream().map(IndexJson::refName).filter(n -> n != null).sorted().distinct().toList();
  }

  /** Points {@code name} at {@code descriptor} (a manifest descriptor without annotations). */
  void put(String name, ObjectNode descriptor) {
    manifests.removeIf(m -> name.equals(refName(m)));
    descriptor.putObject("annotations").put(REF_NAME, name);
    manifests.add(descriptor);
    // Sorted by name, so the file does not depend on the order of concurrent builds.
    manifests.sort(Comparator.comparing(m -> String.valueOf(refName(m))));
  }

  byte[] bytes() throws IOException {
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaType.OCI_INDEX.value());
    ArrayNode array = root.putArray("manifests");
    manifests.forEach(array::add);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /** Points {@code name} at {@code descriptor} with these annotations besides its reference name. */
  void put(String name, ObjectNode descriptor, Map<String, String> annotations) {
    put(name, descriptor);
    ObjectNode recorded = (ObjectNode) descriptor.get("annotations");
    new java.util.TreeMap<>(annotations).forEach(recorded::put);
  }

  /** Removes the entry named {@code name}; empty when there is none. */
  Optional<JsonNode> remove(String name) {
    Optional<JsonNode> entry = find(name);
    manifests.removeIf(m -> name.equals(refName(m)));
    return entry;
  }

  /** Every entry, named or not (other tools may list a manifest without a name): each keeps its blobs. */
  List<ObjectNode> entries() {
    return List.copyOf(manifests);
  }

  /** The reference name of an entry; null for an entry without one. */
  static String nameOf(JsonNode manifest) {
    return refName(manifest);
  }

  private static String refName(JsonNode manifest) {
    JsonNode name = manifest.path("annotations").get(REF_NAME);
    return name == null ? null : name.asText();
  }
}
