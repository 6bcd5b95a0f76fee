package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content type as registries use it ({@code type/subtype}, parameters dropped). Manifests must always be
 * requested with an explicit list of accepted types: without it Distribution converts or hides them.
 */
public record MediaType(String value) {

  private static final Pattern TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

  public static final MediaType DOCKER_MANIFEST =
      new MediaType("application/vnd.docker.distribution.manifest.v2+json");
  public static final MediaType DOCKER_MANIFEST_LIST =
      new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
  public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
  public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
  public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
  public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
  public static final MediaType DOCKER_LAYER = new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");
  public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
  public static final MediaType OCI_LAYER_TAR = new MediaType("application/vnd.oci.image.layer.v1.tar");

  /** Every manifest type dapp reads, in order of preference; sent as {@code Accept} on every manifest request. */
  public static final List<MediaType> MANIFEST_TYPES =
      List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  public MediaType {
    Objects.requireNonNull(value, "'value' must not be null");
    if (!TYPE.matcher(value).matches()) {
      throw new IllegalArgumentException(UserText.quote(value) + " is not a media type (type/subtype in lower case)");
    }
  }

  /** Reads a {@code Content-Type} header value: parameters such as {@code charset} are dropped, case folded. */
  public static MediaType parse(String header) {
    Objects.requireNonNull(header, "'header' must not be null");
    int semicolon = header.indexOf(';');
    String bare = (semicolon >= 0 ? header.substring(0, semicolon) : header).trim().toLowerCase(Locale.ROOT);
    return new MediaType(bare);
  }

  /** A list of manifests for several platforms: an OCI index or a Docker manifest list. */
  public boolean isIndex() {
    return equals(OCI_INDEX) || equals(DOCKER_MANIFEST_LIST);
  }

  /** The manifest of one image: OCI or Docker v2 schema 2. */
  public boolean isImageManifest() {
    return equals(OCI_MANIFEST) || equals(DOCKER_MANIFEST);
  }

  /**
   * The OCI name of a layer type: base images copied from Docker registries carry Docker's names, and an
   * OCI manifest that reuses their layers must name them the OCI way (the bytes are the same).
   */
  public static String ociLayerType(String mediaType) {
    return DOCKER_LAYER.value().equals(mediaType) ? OCI_LAYER.value() : mediaType;
  }

  @Override
  public String toString() {
    return value;
  }
}
