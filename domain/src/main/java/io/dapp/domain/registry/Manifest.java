package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest exactly as the registry stores it. The bytes are kept as received, never re-serialised:
 * the digest is computed over them, and re-encoding JSON would change it.
 */
public record Manifest(MediaType mediaType, byte[] content) {

  /** Registries refuse larger manifests; dapp refuses to read more than this. */
  public static final int MAX_SIZE = 4 * 1024 * 1024;

  public Manifest {
    Objects.requireNonNull(mediaType, "'mediaType' must not be null");
    Objects.requireNonNull(content, "'content' must not be null");
    if (content.length == 0) {
      throw new IllegalArgumentException("a manifest must not be empty");
    }
    if (content.length > MAX_SIZE) {
      throw new IllegalArgumentException("a manifest must not be larger than 4 MiB");
    }
    content = content.clone();
  }

  public static Manifest of(MediaType mediaType, String json) {
    return new Manifest(mediaType, json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content digest (sha256 of the exact bytes), which is how registries name it. */
  public Digest digest() {
    return Digests.sha256(content);
  }

  public int size() {
    return content.length;
  }

  public String contentAsString() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public ManifestDescriptor descriptor() {
    return new ManifestDescriptor(mediaType, digest(), content.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Manifest manifest
        && manifest.mediaType.equals(mediaType)
        && Arrays.equals(manifest.content, content);
  }

  @Override
  public int hashCode() {
    return 31 * mediaType.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "Manifest[" + mediaType + ", " + digest() + ", " + content.length + " bytes]";
  }
}
