package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** A small image for tests: a config blob, one layer blob and the OCI manifest naming them. */
public record TestImage(BlobSource config, BlobSource layer, Manifest manifest) {

  /** A distinct image each seed; the platform goes into the config, as real images have it. */
  public static TestImage create(long seed, Platform platform) {
    byte[] layer = new byte[1024 + (int) (seed % 1000)];
    new Random(seed).nextBytes(layer);
    byte[] config = ("{\"architecture\":\"" + platform.architecture() + "\",\"os\":\"" + platform.os()
        + "\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
    BlobSource configBlob = BlobSource.ofBytes(config);
    BlobSource layerBlob = BlobSource.ofBytes(layer);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + configBlob.digest()
        + "\",\"size\":" + configBlob.size() + "},"
        + "\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER + "\",\"digest\":\"" + layerBlob.digest()
        + "\",\"size\":" + layerBlob.size() + "}]}";
    return new TestImage(configBlob, layerBlob, Manifest.of(MediaType.OCI_MANIFEST, json));
  }

  public static TestImage create(long seed) {
    return create(seed, Platform.LINUX_AMD64);
  }

  public List<BlobSource> blobs() {
    return List.of(config, layer);
  }

  /** An OCI index of images, each with its platform. */
  public static Manifest index(List<TestImage> images, List<Platform> platforms) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX
        + "\",\"manifests\":[");
    for (int i = 0; i < images.size(); i++) {
      Manifest manifest = images.get(i).manifest();
      Platform platform = platforms.get(i);
      json.append(i > 0 ? "," : "").append("{\"mediaType\":\"").append(manifest.mediaType())
          .append("\",\"digest\":\"").append(manifest.digest()).append("\",\"size\":").append(manifest.size())
          .append(",\"platform\":{\"architecture\":\"").append(platform.architecture())
          .append("\",\"os\":\"").append(platform.os()).append('"')
          .append(platform.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse(""))
          .append("}}");
    }
    return Manifest.of(MediaType.OCI_INDEX, json.append("]}").toString());
  }

  public Digest digest() {
    return manifest.digest();
  }
}
