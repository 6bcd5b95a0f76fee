package io.dapp.domain.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import org.junit.jupiter.api.Test;

class ContentFingerprintTest {

  @Test
  void sha256_readsAsTheDigestOfTheBytes() {
    Digest digest = Digests.sha256("bytes");

    assertThat(ContentFingerprint.sha256(digest)).hasToString(digest.toString());
  }

  @Test
  void gitBlob_namesItsKind() {
    assertThat(ContentFingerprint.gitBlob("f2ad6c76f0115a6ba5b00456a849810e7ec0af20"))
        .hasToString("git-blob-sha1:f2ad6c76f0115a6ba5b00456a849810e7ec0af20");
  }

  @Test
  void hexOfTheWrongLengthOrCase_isRefused() {
    assertThatThrownBy(() -> ContentFingerprint.gitBlob("F2AD6C76F0115A6BA5B00456A849810E7EC0AF20"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("git-blob-sha1");
    assertThatThrownBy(() -> new ContentFingerprint(ContentFingerprint.Kind.SHA256, "f2ad6c76"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sha512Digest_isNotASha256Fingerprint() {
    Digest sha512 = new Digest("sha512", "0".repeat(128));

    assertThatThrownBy(() -> ContentFingerprint.sha256(sha512)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fingerprintedContent_opensItsBytes_andTellsItsFingerprint() throws Exception {
    ContentFingerprint known = ContentFingerprint.gitBlob("f2ad6c76f0115a6ba5b00456a849810e7ec0af20");
    Content content = Content.fingerprinted(known, () -> new java.io.ByteArrayInputStream(new byte[] {1, 2}));

    assertThat(content.fingerprint()).contains(known);
    assertThat(content.open().readAllBytes()).containsExactly(1, 2);
    assertThat(((Content) () -> null).fingerprint()).isEmpty();
  }
}
