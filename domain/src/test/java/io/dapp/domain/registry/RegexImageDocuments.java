package io.dapp.domain.registry;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manifest and config readers for domain tests, good for the flat JSON that {@link TestImage} and
 * {@link LabelledTestImage} write; the adapters read real JSON with Jackson.
 */
public final class RegexImageDocuments implements ManifestReader, ImageConfigReader {

  private static final Pattern CONFIG = Pattern.compile("\"config\"\\s*:\\s*\\{[^{}]*\"digest\"\\s*:\\s*\"sha256:([a-f0-9]{64})\"");
  private static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern LABELS = Pattern.compile("\"Labels\"\\s*:\\s*\\{([^{}]*)\\}");
  private static final Pattern PAIR = Pattern.compile("\"([^\"]*)\"\\s*:\\s*\"([^\"]*)\"");

  @Override
  public Digest configDigest(Manifest manifest) throws OperationFailedException {
    Matcher matcher = CONFIG.matcher(manifest.contentAsString());
    if (!manifest.mediaType().isImageManifest() || !matcher.find()) {
      throw new OperationFailedException("not an image manifest");
    }
    return new Digest("sha256", matcher.group(1));
  }

  /** Cleanup reads only config digests and configs; it never asks for a manifest's layers. */
  @Override
  public io.dapp.domain.image.ImageManifest imageManifest(Manifest manifest) {
    throw new UnsupportedOperationException("the test reader reads config digests and configs only");
  }

  @Override
  public ImageMeta read(byte[] config) throws OperationFailedException {
    String json = new String(config, StandardCharsets.UTF_8);
    if (!json.startsWith("{")) {
      throw new OperationFailedException("is not JSON");
    }
    Matcher created = CREATED.matcher(json);
    Map<String, String> labels = new LinkedHashMap<>();
    Matcher block = LABELS.matcher(json);
    if (block.find()) {
      Matcher pair = PAIR.matcher(block.group(1));
      while (pair.find()) {
        labels.put(pair.group(1), pair.group(2));
      }
    }
    return new ImageMeta(created.find() ? Optional.of(Instant.parse(created.group(1))) : Optional.empty(), labels);
  }
}
