package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Content;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.port.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A file's content in a git layer's digest: its fingerprint when the source knows one, else its hashed bytes. */
class GitLayerContentFingerprintTest {

  private static final GitMapping MAPPING = new GitMapping("/src", "/app", List.of(), List.of(), Optional.empty(),
      Optional.empty());
  private static final byte[] BYTES = "puts 1".getBytes(StandardCharsets.UTF_8);
  private static final String BLOB_ID = "f2ad6c76f0115a6ba5b00456a849810e7ec0af20";

  private final AtomicInteger opened = new AtomicInteger();

  private final Content unreadable = () -> {
    opened.incrementAndGet();
    throw new IOException("the signature must not read fingerprinted bytes");
  };

  private final Content readable = () -> {
    opened.incrementAndGet();
    return new ByteArrayInputStream(BYTES);
  };

  /** The git files of one entry holding one file with {@code content}: what the git stages are signed by. */
  private static GitFiles layer(Content content) throws Exception {
    return GitFiles.of(List.of(MAPPING), List.of(GitLayerContent.of(MAPPING,
        List.of(SourceFile.file("src/app.rb", false, BYTES.length, content)), Ownership.ROOT, "dimg")));
  }

  @Test
  void fingerprintedContent_isNeverOpened_forTheDigest() throws Exception {
    GitFiles layer = layer(Content.fingerprinted(ContentFingerprint.gitBlob(BLOB_ID), unreadable));

    assertThat(layer.digest()).isNotNull();
    assertThat(opened).hasValue(0);
  }

  @Test
  void contentWithoutFingerprint_isHashed() throws Exception {
    layer(readable);

    assertThat(opened).hasValue(1);
  }

  /** Bytes read from {@code bytes}; what the signature told them is kept in {@code told}. */
  private static Content telling(byte[] bytes, List<Digest> told) {
    return new Content() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public void hashedWhole(Digest sha256) {
        told.add(sha256);
      }
    };
  }

  @Test
  void contentWithoutFingerprint_isToldTheSha256ItsBytesHashedTo_once() throws Exception {
    List<Digest> told = new ArrayList<>();

    layer(telling(BYTES, told));

    assertThat(told).containsExactly(Digests.sha256(BYTES));
  }

  @Test
  void contentShorterThanItsSize_isToldNothing_andTheSignatureFails() {
    List<Digest> told = new ArrayList<>();

    assertThatThrownBy(() -> layer(telling("puts".getBytes(StandardCharsets.UTF_8), told)))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("changed while dapp read it");
    assertThat(told).isEmpty();
  }

  @Test
  void sha256Fingerprint_givesTheDigestHashingTheBytesGives() throws Exception {
    ContentFingerprint known = ContentFingerprint.sha256(Digests.sha256(BYTES));

    assertThat(layer(Content.fingerprinted(known, unreadable)).digest()).isEqualTo(layer(readable).digest());
  }

  @Test
  void anotherFingerprint_givesAnotherDigest() throws Exception {
    GitFiles one = layer(Content.fingerprinted(ContentFingerprint.gitBlob(BLOB_ID), unreadable));
    GitFiles other = layer(Content.fingerprinted(
        ContentFingerprint.gitBlob("0000000000000000000000000000000000000001"), unreadable));

    assertThat(other.digest()).isNotEqualTo(one.digest());
  }

  @Test
  void sameHexOfAnotherKind_givesAnotherDigest() throws Exception {
    String hex = Digests.sha256(BYTES).hex();
    GitFiles sha256 = layer(Content.fingerprinted(new ContentFingerprint(ContentFingerprint.Kind.SHA256, hex),
        unreadable));
    GitFiles blob = layer(Content.fingerprinted(
        new ContentFingerprint(ContentFingerprint.Kind.GIT_BLOB_SHA1, hex.substring(0, 40)), unreadable));

    assertThat(blob.digest()).isNotEqualTo(sha256.digest());
  }
}
