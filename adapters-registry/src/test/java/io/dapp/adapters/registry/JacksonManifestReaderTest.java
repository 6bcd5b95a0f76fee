package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.TestImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonManifestReaderTest {

  private final JacksonManifestReader reader = new JacksonManifestReader();

  @Test
  void configDigest_isTheDigestOfTheConfigBlob() throws Exception {
    TestImage image = TestImage.create(7);

    assertThat(reader.configDigest(image.manifest())).isEqualTo(image.config().digest());
  }

  @Test
  void anIndex_hasNoConfig() {
    Manifest index = TestImage.index(List.of(TestImage.create(1)), List.of(Platform.LINUX_AMD64));

    assertThatThrownBy(() -> reader.configDigest(index))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageEndingWith("is a application/vnd.oci.image.index.v1+json, not an image manifest");
  }

  @Test
  void aManifestWithoutConfigDigest_isAFailure() {
    Manifest manifest = Manifest.of(MediaType.DOCKER_MANIFEST, "{\"schemaVersion\":2,\"config\":{}}");

    assertThatThrownBy(() -> reader.configDigest(manifest))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageEndingWith("names no config digest");
  }

  @Test
  void imageManifest_namesConfigAndLayers_withTypesAndSizes() throws Exception {
    TestImage image = TestImage.create(9);

    var manifest = reader.imageManifest(image.manifest());

    assertThat(manifest.config().digest()).isEqualTo(image.config().digest());
    assertThat(manifest.config().size()).isEqualTo(image.config().size());
    assertThat(manifest.layers()).singleElement().satisfies(layer -> {
      assertThat(layer.digest()).isEqualTo(image.layer().digest());
      assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER.value());
    });
  }

  @Test
  void imageManifest_withALayerLackingItsSize_isAFailure() {
    Manifest manifest = Manifest.of(MediaType.OCI_MANIFEST, "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\","
        + "\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":2},\"layers\":[{\"mediaType\":\"y\",\"digest\":\"sha256:"
        + "b".repeat(64) + "\"}]}");

    assertThatThrownBy(() -> reader.imageManifest(manifest))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageEndingWith("has an invalid layer descriptor");
  }
}
