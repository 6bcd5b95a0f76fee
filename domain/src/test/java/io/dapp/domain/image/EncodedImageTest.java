package io.dapp.domain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedImageTest {

  private static final byte[] CONFIG = "{\"config\":1}".getBytes(StandardCharsets.UTF_8);

  private static StoredImage imageOf(byte[] config, byte[] manifest) {
    ImageManifest described = new ImageManifest(
        new Descriptor(MediaType.OCI_CONFIG.value(), Digests.sha256(config), config.length), List.of());
    return new StoredImage(new Descriptor(MediaType.OCI_MANIFEST.value(), Digests.sha256(manifest), manifest.length),
        described, ImageConfig.scratch(Platform.LINUX_AMD64));
  }

  @Test
  void bytesThatAreNotTheImagesDigests_areRefused() {
    byte[] manifest = "{\"manifest\":1}".getBytes(StandardCharsets.UTF_8);
    StoredImage image = imageOf(CONFIG, manifest);

    assertThatThrownBy(() -> new EncodedImage(image, "{}".getBytes(StandardCharsets.UTF_8), manifest))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config");
    assertThatThrownBy(() -> new EncodedImage(image, CONFIG, "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manifest");
  }

  @Test
  void theBytesCannotBeChangedFromOutside() {
    byte[] config = CONFIG.clone();
    byte[] manifest = "{\"manifest\":1}".getBytes(StandardCharsets.UTF_8);
    EncodedImage encoded = new EncodedImage(imageOf(config, manifest), config, manifest);

    config[0] = 'x';
    encoded.configJson()[0] = 'x';

    assertThat(encoded.configJson()).isEqualTo(CONFIG);
  }
}
