package io.dapp.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.EncodedImage;
import io.dapp.domain.image.HistoryEntry;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.port.LocalImageStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link LocalImageStore} does; run against the OCI layout and the in-memory fake. */
public abstract class LocalImageStoreContract {

  /** A new, empty store for each test. */
  protected abstract LocalImageStore store() throws Exception;

  protected static final byte[] CONTENT = "layer bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void putBlob_storesUnderTheDigestOfTheBytes() throws Exception {
    LocalImageStore store = store();

    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(CONTENT));

    assertThat(blob.digest()).isEqualTo(Digests.sha256(CONTENT));
    assertThat(blob.size()).isEqualTo(CONTENT.length);
    assertThat(store.hasBlob(blob.digest())).isTrue();
    try (InputStream in = store.openBlob(blob.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }
  }

  @Test
  void givenWrongExpectedDigest_putBlob_storesNothing() throws Exception {
    LocalImageStore store = store();
    Digest claimed = Digests.sha256("something else");

    assertThatThrownBy(() -> store.putBlob(MediaType.OCI_LAYER.value(), claimed, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("its content has digest " + Digests.sha256(CONTENT));
    assertThat(store.hasBlob(claimed)).isFalse();
    assertThat(store.hasBlob(Digests.sha256(CONTENT))).isFalse();
  }

  @Test
  void givenRightExpectedDigest_putBlob_stores() throws Exception {
    LocalImageStore store = store();

    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), Digests.sha256(CONTENT),
        new ByteArrayInputStream(CONTENT));

    assertThat(store.hasBlob(blob.digest())).isTrue();
  }

  @Test
  void openBlob_ofAMissingBlob_fails() throws Exception {
    LocalImageStore store = store();

    assertThatThrownBy(() -> store.openBlob(Digests.sha256(CONTENT))).isInstanceOf(OperationFailedException.class);
  }

  @Test
  void putImage_thenReadImage_givesTheSameImage() throws Exception {
    LocalImageStore store = store();
    Layer layer = layer(store);

    StoredImage written = store.putImage(config(layer), List.of(layer));
    StoredImage read = store.readImage(written.manifestDescriptor().digest());

    assertThat(read.config()).isEqualTo(written.config());
    assertThat(read.manifest()).isEqualTo(written.manifest());
    assertThat(read.layers()).containsExactly(layer);
  }

  @Test
  void putImage_twice_givesTheSameManifestDigest() throws Exception {
    LocalImageStore store = store();
    Layer layer = layer(store);

    Digest first = store.putImage(config(layer), List.of(layer)).manifestDescriptor().digest();
    Digest second = store.putImage(config(layer), List.of(layer)).manifestDescriptor().digest();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void encodeImage_givesPutImagesBytesAndDigests_butWritesNeitherConfigNorManifest() throws Exception {
    LocalImageStore store = store();
    Layer layer = layer(store);

    EncodedImage encoded = store.encodeImage(config(layer), List.of(layer));

    Descriptor manifest = encoded.image().manifestDescriptor();
    Descriptor config = encoded.image().manifest().config();
    assertThat(store.hasBlob(manifest.digest())).isFalse();
    assertThat(store.hasBlob(config.digest())).isFalse();
    StoredImage written = store.putImage(config(layer), List.of(layer));
    assertThat(written.manifestDescriptor()).isEqualTo(manifest);
    try (InputStream manifestBlob = store.openBlob(manifest.digest());
        InputStream configBlob = store.openBlob(config.digest())) {
      assertThat(manifestBlob.readAllBytes()).isEqualTo(encoded.manifestJson());
      assertThat(configBlob.readAllBytes()).isEqualTo(encoded.configJson());
    }
  }

  @Test
  void givenALayerNotInTheStore_encodeImage_fails() throws Exception {
    LocalImageStore store = store();
    Layer missing = new Layer(new Descriptor(MediaType.OCI_LAYER.value(), Digests.sha256("x"), 1),
        Digests.sha256("y"));

    assertThatThrownBy(() -> store.encodeImage(config(missing), List.of(missing)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining(missing.blob().digest().toString());
  }

  @Test
  void givenALayerNotInTheStore_putImage_fails() throws Exception {
    LocalImageStore store = store();
    Layer missing = new Layer(new Descriptor(MediaType.OCI_LAYER.value(), Digests.sha256("x"), 1),
        Digests.sha256("y"));

    assertThatThrownBy(() -> store.putImage(config(missing), List.of(missing)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining(missing.blob().digest().toString());
  }

  @Test
  void tag_resolve_names() throws Exception {
    LocalImageStore store = store();
    Layer layer = layer(store);
    StoredImage image = store.putImage(config(layer), List.of(layer));

    store.tag("backend", image.manifestDescriptor());
    store.tag("docker.io/library/alpine:3.19", image.manifestDescriptor());

    assertThat(store.resolve("backend")).map(Descriptor::digest).contains(image.manifestDescriptor().digest());
    assertThat(store.resolve("frontend")).isEmpty();
    assertThat(store.names()).containsExactly("backend", "docker.io/library/alpine:3.19");
  }

  @Test
  void tag_again_movesTheName() throws Exception {
    LocalImageStore store = store();
    Layer layer = layer(store);
    StoredImage first = store.putImage(config(layer), List.of(layer));
    StoredImage second = store.putImage(ImageConfig.scratch(Platform.LINUX_AMD64), List.of());

    store.tag("backend", first.manifestDescriptor());
    store.tag("backend", second.manifestDescriptor());

    assertThat(store.resolve("backend")).map(Descriptor::digest).contains(second.manifestDescriptor().digest());
    assertThat(store.names()).containsExactly("backend");
  }

  protected static Layer layer(LocalImageStore store) throws OperationFailedException {
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(CONTENT));
    return new Layer(blob, Digests.sha256("uncompressed " + blob.digest()));
  }

  protected static ImageConfig config(Layer layer) {
    ContainerConfig container = ContainerConfig.EMPTY.withEnv(Map.of("LANG", "C.UTF-8"))
        .withLabels(Map.of("team", "web")).withEntrypoint(List.of("/app/run"))
        .withExposedPorts(List.of("8080/tcp")).withWorkingDir("/app");
    return new ImageConfig(Platform.LINUX_AMD64, Optional.of(ImageConfig.REPRODUCIBLE_CREATED), container,
        List.of(layer.diffId()), List.of(new HistoryEntry(Optional.of(ImageConfig.REPRODUCIBLE_CREATED), "dapp git",
        Optional.of("stage"), false)));
  }
}
