package io.dapp.domain.image;

/** The media types of what dapp writes to and reads from an OCI image layout. */
public final class MediaTypes {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private MediaTypes() {}

  /**
   * The OCI name of a layer type: base images copied from Docker registries carry Docker's names, and an
   * OCI manifest that reuses their layers must name them the OCI way (the bytes are the same).
   */
  public static String ociLayerType(String mediaType) {
    return DOCKER_LAYER_GZIP.equals(mediaType) ? OCI_LAYER_GZIP : mediaType;
  }
}
