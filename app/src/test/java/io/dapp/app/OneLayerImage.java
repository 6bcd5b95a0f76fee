package io.dapp.app;

import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * A valid one-layer linux/amd64 image — a gzip'ed layer whose diff id is in the config, an OCI manifest —
 * pushed straight to a registry, not by dapp: what another pipeline left there before the job under test.
 */
final class OneLayerImage {

  private OneLayerImage() {}

  /** What was pushed: the layer and config blobs and the manifest. */
  record Pushed(BlobSource layer, BlobSource config, Manifest manifest) {}

  /**
   * Pushes an image whose layer holds {@code layerText} and whose config's {@code config} object is
   * {@code containerConfig} (JSON) to {@code target}, logged in by {@code auth}; returns the config's digest.
   */
  static Digest push(DockerConfig auth, ImageReference target, String containerConfig, String layerText)
      throws Exception {
    return push(auth, target, containerConfig, layerText.getBytes(StandardCharsets.UTF_8)).config().digest();
  }

  /** As {@link #push(DockerConfig, ImageReference, String, String)}, with a layer of any bytes. */
  static Pushed push(DockerConfig auth, ImageReference target, String containerConfig, byte[] content)
      throws Exception {
    List<BlobSource> layers = pushLayers(auth, target, containerConfig, List.of(content));
    return new Pushed(layers.get(0), layers.get(1), manifest(layers.subList(0, 1), layers.get(1)));
  }

  /**
   * An image whose layers hold {@code contents} (each a gzip'ed blob of those bytes), base first; returns the
   * layer blobs, then the config blob.
   */
  static List<BlobSource> pushLayers(DockerConfig auth, ImageReference target, String containerConfig,
      List<byte[]> contents) throws Exception {
    List<BlobSource> layers = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (byte[] content : contents) {
      ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
        gzip.write(content);
      }
      layers.add(BlobSource.ofBytes(gzipped.toByteArray()));
      diffIds.add("\"" + Digests.sha256(content) + "\"");
    }
    BlobSource config = BlobSource.ofBytes(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":"
        + containerConfig + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds)
        + "]}}").getBytes(StandardCharsets.UTF_8));
    try (RegistryClient client = new JerseyRegistryClientFactory().open(auth, RegistryOptions.defaults())) {
      for (BlobSource layer : layers) {
        client.pushBlob(target.repository(), layer, Optional.empty());
      }
      client.pushBlob(target.repository(), config, Optional.empty());
      client.pushManifest(target, manifest(layers, config));
    }
    List<BlobSource> pushed = new ArrayList<>(layers);
    pushed.add(config);
    return pushed;
  }

  private static Manifest manifest(List<BlobSource> layers, BlobSource config) {
    StringBuilder listed = new StringBuilder();
    for (BlobSource layer : layers) {
      listed.append(listed.length() == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaType.OCI_LAYER)
          .append("\",\"digest\":\"").append(layer.digest()).append("\",\"size\":").append(layer.size()).append('}');
    }
    return Manifest.of(MediaType.OCI_MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + config.digest()
        + "\",\"size\":" + config.size() + "},\"layers\":[" + listed + "]}");
  }
}
