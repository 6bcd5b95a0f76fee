package io.dapp.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RegistryClient} does, whichever registry is behind it. Run against the in-memory fake
 * and against the real adapter talking to a real registry, so that use-case tests on the fake mean something.
 */
public abstract class RegistryClientContract {

  private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime());

  @TempDir
  protected Path temp;

  /** The client under test, able to push, pull and delete in {@link #newRepository()}. */
  protected abstract RegistryClient client();

  /** A repository that no test has used yet, on the registry behind {@link #client()}. */
  protected abstract Repository newRepository();

  protected static TestImage newImage() {
    return TestImage.create(SEEDS.incrementAndGet());
  }

  protected static TestImage newImage(Platform platform) {
    return TestImage.create(SEEDS.incrementAndGet(), platform);
  }

  protected void pushImage(Repository repository, TestImage image, String tag) throws Exception {
    for (BlobSource blob : image.blobs()) {
      client().pushBlob(repository, blob, Optional.empty());
    }
    client().pushManifest(repository.withTag(tag), image.manifest());
  }

  private static ImageReference byDigest(Repository repository, Digest digest) {
    return new ImageReference(repository, Optional.empty(), Optional.of(digest));
  }

  @Test
  void blobExists_isFalseForABlobNeverPushed() throws Exception {
    assertThat(client().blobExists(newRepository(), newImage().layer().digest())).isFalse();
  }

  @Test
  void pushBlob_uploadsOnceAndThenFindsItPresent() throws Exception {
    Repository repository = newRepository();
    BlobSource layer = newImage().layer();

    assertThat(client().pushBlob(repository, layer, Optional.empty())).isEqualTo(BlobPush.UPLOADED);
    assertThat(client().blobExists(repository, layer.digest())).isTrue();
    assertThat(client().pushBlob(repository, layer, Optional.empty())).isEqualTo(BlobPush.ALREADY_PRESENT);
  }

  @Test
  void pushBlob_mountsABlobFromAnotherRepositoryOfTheSameRegistry() throws Exception {
    Repository source = newRepository();
    Repository target = newRepository();
    BlobSource layer = newImage().layer();
    client().pushBlob(source, layer, Optional.empty());

    assertThat(client().pushBlob(target, layer, Optional.of(source))).isEqualTo(BlobPush.MOUNTED);
    assertThat(client().blobExists(target, layer.digest())).isTrue();
  }

  @Test
  void pushBlob_uploadsWhenTheMountSourceDoesNotHaveIt() throws Exception {
    Repository target = newRepository();
    BlobSource layer = newImage().layer();

    assertThat(client().pushBlob(target, layer, Optional.of(newRepository()))).isEqualTo(BlobPush.UPLOADED);
    assertThat(client().blobExists(target, layer.digest())).isTrue();
  }

  @Test
  void pullBlob_writesExactlyThePushedBytes() throws Exception {
    Repository repository = newRepository();
    BlobSource layer = newImage().layer();
    client().pushBlob(repository, layer, Optional.empty());
    Path target = temp.resolve("layer.tar.gz");

    long size = client().pullBlob(repository, layer.digest(), target);

    assertThat(size).isEqualTo(layer.size());
    assertThat(Digests.sha256(Files.readAllBytes(target))).isEqualTo(layer.digest());
  }

  @Test
  void pullBlob_ofAnUnknownBlob_throwsAndLeavesNoFile() throws Exception {
    Path target = temp.resolve("missing");

    assertThatThrownBy(() -> client().pullBlob(newRepository(), newImage().layer().digest(), target))
        .isInstanceOf(BlobUnknownException.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void pullBlob_intoAStream_writesEachByteOnce_andReportsProgressUpToItsSize() throws Exception {
    Repository repository = newRepository();
    BlobSource layer = newImage().layer();
    client().pushBlob(repository, layer, Optional.empty());
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    List<Long> progress = new ArrayList<>();

    long size = client().pullBlob(repository, layer.digest(), target, progress::add);

    assertThat(size).isEqualTo(layer.size());
    assertThat(target.size()).isEqualTo(layer.size());
    assertThat(Digests.sha256(target.toByteArray())).isEqualTo(layer.digest());
    assertThat(progress).isNotEmpty().isSorted().last().isEqualTo(layer.size());
  }

  @Test
  void pullBlob_whoseProgressThrows_isAbandonedWithThatException() throws Exception {
    Repository repository = newRepository();
    BlobSource layer = newImage().layer();
    client().pushBlob(repository, layer, Optional.empty());

    assertThatThrownBy(() -> client().pullBlob(repository, layer.digest(), new ByteArrayOutputStream(), bytes -> {
      throw new CancellationException("another transfer failed");
    })).isInstanceOf(CancellationException.class).hasMessage("another transfer failed");
  }

  @Test
  void pullBlob_intoAStreamThatCannotBeWritten_throwsThatFailure_withoutTryingAgain() throws Exception {
    Repository repository = newRepository();
    BlobSource layer = newImage().layer();
    client().pushBlob(repository, layer, Optional.empty());
    AtomicInteger writes = new AtomicInteger();
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        writes.incrementAndGet();
        throw new IOException("No space left on device");
      }
    };

    assertThatThrownBy(() -> client().pullBlob(repository, layer.digest(), full, bytes -> {}))
        .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
    assertThat(writes).hasValue(1);
  }

  @Test
  void pushBlob_readsItsSourceOnce_fromFirstToLastByte() throws Exception {
    BlobSource layer = newImage().layer();
    AtomicInteger opened = new AtomicInteger();
    AtomicLong read = new AtomicLong();
    BlobSource counted = new BlobSource(layer.digest(), layer.size(), () -> {
      opened.incrementAndGet();
      return new FilterInputStream(layer.opener().open()) {
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          read.addAndGet(Math.max(n, 0));
          return n;
        }
      };
    });

    assertThat(client().pushBlob(newRepository(), counted, Optional.empty())).isEqualTo(BlobPush.UPLOADED);
    assertThat(opened).hasValue(1);
    assertThat(read).hasValue(layer.size());
  }

  @Test
  void pushedManifest_isPulledBackByTagAndByDigestWithTheSameBytes() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    pushImage(repository, image, "1.0");

    Manifest byTag = client().pullManifest(repository.withTag("1.0"));
    Manifest byDigest = client().pullManifest(byDigest(repository, image.digest()));

    assertThat(byTag).isEqualTo(image.manifest());
    assertThat(byDigest).isEqualTo(image.manifest());
    assertThat(byTag.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
  }

  @Test
  void pushManifest_returnsTheDigestOfItsBytes() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    for (BlobSource blob : image.blobs()) {
      client().pushBlob(repository, blob, Optional.empty());
    }

    assertThat(client().pushManifest(repository.withTag("v1"), image.manifest())).isEqualTo(image.digest());
  }

  @Test
  void pushManifest_namingAMissingBlob_isRefused() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    client().pushBlob(repository, image.config(), Optional.empty());

    assertThatThrownBy(() -> client().pushManifest(repository.withTag("broken"), image.manifest()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void checkManifest_describesAPushedManifest_andIsEmptyForAnUnknownTag() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    pushImage(repository, image, "stable");

    assertThat(client().checkManifest(repository.withTag("stable")))
        .contains(new ManifestDescriptor(MediaType.OCI_MANIFEST, image.digest(), image.manifest().size()));
    assertThat(client().checkManifest(repository.withTag("nope"))).isEmpty();
  }

  @Test
  void pullManifest_ofAnUnknownTag_throwsManifestUnknown() throws Exception {
    Repository repository = newRepository();
    pushImage(repository, newImage(), "exists");

    assertThatThrownBy(() -> client().pullManifest(repository.withTag("missing")))
        .isInstanceOf(ManifestUnknownException.class)
        .hasMessageContaining(repository + ":missing");
  }

  @Test
  void listTags_returnsEveryTag_andNothingForAnUnknownRepository() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    pushImage(repository, image, "a");
    client().pushManifest(repository.withTag("b"), image.manifest());
    client().pushManifest(repository.withTag("c"), image.manifest());

    assertThat(client().listTags(repository)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(client().listTags(newRepository())).isEmpty();
  }

  @Test
  void deleteManifest_removesTheManifestAndItsTags() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    pushImage(repository, image, "doomed");

    client().deleteManifest(repository, image.digest());

    assertThat(client().checkManifest(byDigest(repository, image.digest()))).isEmpty();
    assertThat(client().listTags(repository)).doesNotContain("doomed");
  }

  @Test
  void pullImageManifest_resolvesAnIndexToTheRequestedPlatform_orTheDefault() throws Exception {
    Repository repository = newRepository();
    Platform arm = new Platform("linux", "arm64", Optional.of("v8"));
    TestImage amd64Image = newImage(Platform.LINUX_AMD64);
    TestImage armImage = newImage(arm);
    pushImage(repository, amd64Image, "amd64");
    pushImage(repository, armImage, "arm64");
    Manifest index = TestImage.index(List.of(amd64Image, armImage), List.of(Platform.LINUX_AMD64, arm));
    client().pushManifest(repository.withTag("multi"), index);

    assertThat(client().pullManifest(repository.withTag("multi"))).isEqualTo(index);
    assertThat(client().pullImageManifest(repository.withTag("multi"), Optional.of(Platform.parse("linux/arm64"))))
        .isEqualTo(armImage.manifest());
    assertThat(client().pullImageManifest(repository.withTag("multi"), Optional.empty()))
        .isEqualTo(amd64Image.manifest());
    assertThatThrownBy(() -> client().pullImageManifest(repository.withTag("multi"),
        Optional.of(Platform.parse("windows/amd64"))))
        .isInstanceOf(PlatformNotFoundException.class)
        .hasMessageContaining("linux/amd64, linux/arm64/v8");
  }

  @Test
  void pullImageManifest_ofAPlainImage_returnsIt() throws Exception {
    Repository repository = newRepository();
    TestImage image = newImage();
    pushImage(repository, image, "plain");

    assertThat(client().pullImageManifest(repository.withTag("plain"), Optional.of(Platform.parse("linux/arm64"))))
        .isEqualTo(image.manifest());
  }
}
