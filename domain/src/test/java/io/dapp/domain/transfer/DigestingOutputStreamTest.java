package io.dapp.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestingOutputStreamTest {

  private static final byte[] CONTENT = "a blob, written in pieces".getBytes(StandardCharsets.UTF_8);

  @Test
  void whatPassesThrough_arrivesUnchanged_andIsHashedAndCounted() throws Exception {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    DigestingOutputStream out = new DigestingOutputStream(target, "sha256");

    out.write(CONTENT, 0, 7);
    out.write(CONTENT[7]);
    out.write(CONTENT, 8, CONTENT.length - 8);

    assertThat(target.toByteArray()).isEqualTo(CONTENT);
    assertThat(out.size()).isEqualTo(CONTENT.length);
    assertThat(out.digest()).isEqualTo(Digests.sha256(CONTENT));
    assertThat(out.digest()).as("asked again: the same").isEqualTo(Digests.sha256(CONTENT));
  }

  @Test
  void sha512_isAsAsked() throws Exception {
    DigestingOutputStream out = new DigestingOutputStream(OutputStream.nullOutputStream(), "sha512");
    out.write(CONTENT);

    Digest digest = out.digest();

    assertThat(digest.algorithm()).isEqualTo("sha512");
    assertThat(digest).isEqualTo(Digests.of(sha512(CONTENT)));
  }

  @Test
  void bytesTheTargetRefused_areNeitherHashedNorCounted() throws Exception {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("disk full");
      }
    };
    DigestingOutputStream out = new DigestingOutputStream(full, "sha256");

    assertThatThrownBy(() -> out.write(CONTENT)).hasMessage("disk full");

    assertThat(out.size()).isZero();
    assertThat(out.digest()).isEqualTo(Digests.sha256(new byte[0]));
  }

  @Test
  void onceItsDigestIsTaken_nothingMoreMayBeWritten() throws Exception {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    DigestingOutputStream out = new DigestingOutputStream(target, "sha256");
    out.write(CONTENT);
    Digest digest = out.digest();

    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> out.write(CONTENT, 0, 2)).isInstanceOf(IllegalStateException.class);

    assertThat(target.toByteArray()).isEqualTo(CONTENT);
    assertThat(out.digest()).isEqualTo(digest);
  }

  private static java.security.MessageDigest sha512(byte[] content) {
    java.security.MessageDigest hasher = Digests.newHasher("sha512");
    hasher.update(content);
    return hasher;
  }
}
