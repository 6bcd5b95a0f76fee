package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers another tool wrote (GNU tar, as image builders' tars look): binary attribute values survive, also
 * on entries after sparse files and long names, whose extra headers the attribute capture must step over.
 */
class GnuTarLayersTest {

  private static final byte[] BINARY = {(byte) 0xff, (byte) 0x80, (byte) 0xc3, 0, 0x28, (byte) 0xfe};
  private static final String LONG = "dir-" + "x".repeat(120) + "/file-" + "y".repeat(110);

  @TempDir
  Path directory;

  private Path source;
  private OciLayoutStore store;
  private final NativeCalls calls = new NativeCalls();

  @BeforeEach
  void tree() throws Exception {
    store = OciLayoutStore.open(directory.resolve("store"));
    source = Files.createDirectory(directory.resolve("source"));
    Files.writeString(source.resolve("a-first"), "first");
    calls.setXattr(source.resolve("a-first"), "user.first", BINARY);
    try (RandomAccessFile sparse = new RandomAccessFile(source.resolve("b-sparse").toFile(), "rw")) {
      sparse.setLength(8 * 1024 * 1024);
      sparse.seek(3 * 1024 * 1024);
      sparse.write("in the middle".getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(source.resolve(LONG).getParent());
    Files.writeString(source.resolve(LONG), "long");
    Files.createLink(source.resolve("c-hard"), source.resolve("a-first"));
    Files.writeString(source.resolve("d-after"), "after");
    calls.setXattr(source.resolve("d-after"), "security.capability", RootFilesystemContract.CAPABILITY);
    calls.setXattr(source.resolve("d-after"), "user.after", BINARY);
  }

  private Layer gnuTar(String format) throws Exception {
    Process tar = new ProcessBuilder("tar", "--format=" + format, "--sparse", "--xattrs", "--xattrs-include=*",
        "-cf", "-", ".").directory(source.toFile()).start();
    byte[] bytes = tar.getInputStream().readAllBytes();
    assertThat(tar.waitFor()).as(new String(tar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(gzipped)) {
      gzip.write(bytes);
    }
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(gzipped.toByteArray()));
    return new Layer(blob, Digests.sha256(bytes));
  }

  private Path unpack(Layer layer) throws Exception {
    Path root = Files.createDirectory(directory.resolve("root"));
    new LayerUnpacker(calls).unpack(root, List.of(layer), store);
    return root;
  }

  @Test
  void posixTar_withPaxSparseFilesAndAttributes_unpacksWithTheExactBytes() throws Exception {
    Path root = unpack(gnuTar("posix"));

    assertThat(calls.getXattr(root.resolve("a-first"), "user.first")).isEqualTo(BINARY);
    assertThat(calls.getXattr(root.resolve("d-after"), "user.after")).isEqualTo(BINARY);
    assertThat(calls.getXattr(root.resolve("d-after"), "security.capability"))
        .isEqualTo(RootFilesystemContract.CAPABILITY);
    assertSameFiles(root);
  }

  @Test
  void gnuTar_withOldSparseHeadersAndLongNames_unpacksTheSameFiles() throws Exception {
    assertSameFiles(unpack(gnuTar("gnu")));
  }

  private void assertSameFiles(Path root) throws Exception {
    assertThat(Files.size(root.resolve("b-sparse"))).isEqualTo(8 * 1024 * 1024);
    assertThat(Files.readAllBytes(root.resolve("b-sparse"))).isEqualTo(Files.readAllBytes(source.resolve("b-sparse")));
    assertThat(root.resolve(LONG)).hasContent("long");
    assertThat(root.resolve("d-after")).hasContent("after");
    assertThat(FileStat.read(root.resolve("c-hard"), calls).inode())
        .isEqualTo(FileStat.read(root.resolve("a-first"), calls).inode());
  }
}
