package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small image whose config carries labels and a created time, as dapp pushes them: for cleanup tests,
 * in memory and against a real registry. The layer is {@code layerSeed}'s tiny blob, shared when equal.
 */
public record LabelledTestImage(BlobSource config, BlobSource layer, Manifest manifest) {

  public static LabelledTestImage create(Map<String, String> labels, Instant created, long layerSeed) {
    StringBuilder json = new StringBuilder("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"")
        .append(created).append("\",\"config\":{\"Labels\":{");
    boolean first = true;
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      json.append(first ? "" : ",").append('"').append(label.getKey()).append("\":\"").append(label.getValue()).append('"');
      first = false;
    }
    json.append("}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    BlobSource config = BlobSource.ofBytes(json.toString().getBytes(StandardCharsets.UTF_8));
    BlobSource layer = BlobSource.ofBytes(("layer " + layerSeed).getBytes(StandardCharsets.UTF_8));
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + config.digest()
        + "\",\"size\":" + config.size() + "},"
        + "\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER + "\",\"digest\":\"" + layer.digest()
        + "\",\"size\":" + layer.size() + "}]}";
    return new LabelledTestImage(config, layer, Manifest.of(MediaType.OCI_MANIFEST, manifest));
  }

  /** Uploads the blobs and tags the manifest; returns its digest. */
  public Digest push(RegistryClient client, ImageReference target) throws RegistryException, io.dapp.domain.error.InvalidInputException {
    client.pushBlob(target.repository(), config, Optional.empty());
    client.pushBlob(target.repository(), layer, Optional.empty());
    return client.pushManifest(target, manifest);
  }

  public Digest digest() {
    return manifest.digest();
  }
}
