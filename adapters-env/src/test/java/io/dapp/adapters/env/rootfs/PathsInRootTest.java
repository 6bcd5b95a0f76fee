package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.OperationFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathsInRootTest {

  @TempDir
  Path host;

  @Test
  void linksAreFollowedInsideTheRoot_absoluteOnesFromItsTop_andDotDotStopsThere() throws Exception {
    Path root = Files.createDirectories(host.resolve("root"));
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/abs"), Path.of("/a/b"));
    Files.createSymbolicLink(root.resolve("a/up"), Path.of("../../../../a/b"));

    assertThat(PathsInRoot.resolve(root, "/a/abs/c")).isEqualTo(root.resolve("a/b/c"));
    assertThat(PathsInRoot.resolve(root, "/a/up/c")).isEqualTo(root.resolve("a/b/c"));
    assertThat(PathsInRoot.resolve(root, "/../../etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
  }

  @Test
  void aLinkLoop_isRefusedInOneLine() throws Exception {
    Path root = Files.createDirectories(host.resolve("root"));
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/loop"), Path.of("/a/b/loop"));

    assertThatThrownBy(() -> PathsInRoot.resolve(root, "/a/b/loop"))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("too many symbolic links in the root filesystem resolving /a/b/loop");
  }

  @Test
  void isFile_findsTheShellThroughTheImagesOwnLinks_neverTheHosts() throws Exception {
    Path root = Files.createDirectories(host.resolve("root"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.writeString(root.resolve("usr/bin/busybox"), "");
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createSymbolicLink(root.resolve("usr/bin/sh"), Path.of("busybox"));
    Path other = Files.createDirectories(host.resolve("other"));
    Files.createDirectories(other.resolve("bin"));
    Files.writeString(other.resolve("bin/sh"), "the host's shell");
    Files.createSymbolicLink(other.resolve("escape"), host.resolve("other/bin"));

    assertThat(PathsInRoot.isFile(root, "/bin/sh")).isTrue();
    assertThat(PathsInRoot.isFile(root, "/bin")).isFalse();
    // A root whose /bin points at a host directory with a shell: resolved inside the root, there is none.
    Files.createSymbolicLink(other.resolve("root-bin"), Path.of("/escape"));
    assertThat(PathsInRoot.isFile(other.resolve("empty-root-that-is-missing"), "/bin/sh")).isFalse();
    Path hostile = Files.createDirectories(host.resolve("hostile"));
    Files.createSymbolicLink(hostile.resolve("bin"), other.resolve("bin"));
    assertThat(PathsInRoot.isFile(hostile, "/bin/sh")).isFalse();
  }
}
