package io.dapp.adapters.env.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.image.Layer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers that try to write outside the root. The root is {@code host/var/lib/root} inside a temporary
 * "host" with its own {@code etc/passwd} and {@code outside/keep}: whatever a layer says, that host stays
 * as it was (checked after every test), and the real system's files are never the target of a write.
 */
class LayerUnpackerHostileTest {

  private static final String ONE_LINE = "layer sha256:[0-9a-f]{12} \\(\\d+ of \\d+\\): entry '[^\\n]*': [^\\n]*";

  @TempDir
  Path directory;

  private Path host;
  private Path root;
  private OciLayoutStore store;
  private Map<String, String> hostBefore;
  private String realPasswdBefore;
  private final LayerUnpacker unpacker = new LayerUnpacker(new NativeCalls());

  @BeforeEach
  void host() throws Exception {
    host = directory.resolve("host");
    Files.createDirectories(host.resolve("etc"));
    Files.writeString(host.resolve("etc/passwd"), "the host's passwd");
    Files.createDirectories(host.resolve("outside"));
    Files.writeString(host.resolve("outside/keep"), "sentinel");
    root = host.resolve("var/lib/root");
    Files.createDirectories(root);
    store = OciLayoutStore.open(directory.resolve("store"));
    hostBefore = HostTree.describe(host, root);
    realPasswdBefore = realPasswd();
  }

  /** The real system's /etc/passwd, only read: its size and mtime. */
  private static String realPasswd() throws Exception {
    Path passwd = Path.of("/etc/passwd");
    return Files.size(passwd) + " " + Files.getLastModifiedTime(passwd);
  }

  @AfterEach
  void nothingWrittenOutsideTheRoot() throws Exception {
    assertThat(HostTree.describe(host, root)).isEqualTo(hostBefore);
    assertThat(realPasswd()).isEqualTo(realPasswdBefore);
    assertThat(Path.of("/passwd")).doesNotExist();
    assertThat(Path.of("/outside")).doesNotExist();
  }

  private void unpack(Layer... layers) throws Exception {
    unpacker.unpack(root, List.of(layers), store);
  }

  private static void assertRefused(Throwable thrown, String entry, String why) {
    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    assertThat(thrown.getMessage()).matches(ONE_LINE).isEqualTo(thrown.getMessage().lines().findFirst().orElse(""))
        .contains(" (1 of 1): entry " + UserText.quote(entry) + ": " + why);
  }

  @Test
  void nameClimbingOutWithDotDot_isRefusedInOneLine() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.file("../../../etc/passwd", "pwned"));

    Throwable thrown = catchThrowable(() -> unpack(layer));

    assertRefused(thrown, "../../../etc/passwd", "its name climbs above the root with '..'");
    assertThat(thrown.getMessage()).startsWith("layer " + layer.blob().digest().shortForm() + " (1 of 1)");
  }

  @Test
  void dotDotDeeperInTheName_climbingOut_isRefused() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.file("usr/../../outside/keep", "pwned"));

    assertRefused(catchThrowable(() -> unpack(layer)), "usr/../../outside/keep",
        "its name climbs above the root with '..'");
  }

  @Test
  void dotDotThatStaysInside_isCleaned() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.file("usr/../etc/motd", "hello")));

    assertThat(root.resolve("etc/motd")).hasContent("hello");
  }

  @Test
  void absoluteName_landsInsideTheRoot() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.file("/etc/passwd", "image passwd").file("./etc/group", "g")));

    assertThat(root.resolve("etc/passwd")).hasContent("image passwd");
    assertThat(root.resolve("etc/group")).hasContent("g");
  }

  @Test
  void symlinkToSlash_thenAFileThroughIt_landsInsideTheRoot() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.symlink("etc", "/").file("etc/passwd", "image passwd")));

    assertThat(root.resolve("passwd")).hasContent("image passwd");
    assertThat(Files.readSymbolicLink(root.resolve("etc"))).hasToString("/");
  }

  @Test
  void symlinkClimbingWithDotDot_thenAFileThroughIt_landsInsideTheRoot() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.symlink("etc", "../../..").file("etc/etc/passwd", "image passwd")));

    assertThat(root.resolve("etc/passwd")).doesNotExist();
    assertThat(root.resolve("etc")).isSymbolicLink();
    assertThat(Files.isRegularFile(root.resolve("etc/passwd"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    // The kernel of the container stops '..' at its root: etc/etc/passwd is /etc/passwd of the image.
    // On the host, root/etc points out; dapp never followed it.
    assertThat(Files.readSymbolicLink(root.resolve("etc"))).hasToString("../../..");
  }

  @Test
  void chainOfSymlinksThatEscapes_isResolvedInsideTheRoot() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.directory("c/")
        .symlink("a", "b")
        .symlink("b", "c/../../../..")
        .file("a/outside/keep", "image file")));

    // a -> b -> c/../../../.. is the root in the container's view.
    assertThat(Files.readString(root.resolve("outside/keep"))).isEqualTo("image file");
  }

  @Test
  void symlinkLoop_isRefused() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.symlink("a", "b").symlink("b", "a").file("a/x", "loop"));

    assertRefused(catchThrowable(() -> unpack(layer)), "a/x",
        "too many levels of symbolic links");
  }

  @Test
  void hardLinkClimbingOut_isRefused() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.hardLink("passwd", "../../etc/passwd"));

    assertRefused(catchThrowable(() -> unpack(layer)), "passwd",
        "its hard link target '../../etc/passwd' climbs above the root with '..'");
  }

  @Test
  void hardLinkThroughASymlinkPointingOut_isResolvedInsideTheRoot_andRefusedWhenMissingThere() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.symlink("hostetc", "../../../etc")
        .hardLink("passwd", "hostetc/passwd"));

    assertRefused(catchThrowable(() -> unpack(layer)), "passwd",
        "hard link to 'hostetc/passwd', which is not in the image");
  }

  @Test
  void hardLinkToASymlinkPointingOut_isASecondNameOfThatSymlink_neverOfTheHostFile() throws Exception {
    unpack(RawLayers.layer(store, tar -> tar.symlink("evil", "../../../etc/passwd")
        .hardLink("linked", "evil")
        .file("evil", "replaces the link, not what it points at")));

    assertThat(root.resolve("linked")).isSymbolicLink();
    assertThat(Files.readSymbolicLink(root.resolve("linked"))).hasToString("../../../etc/passwd");
    assertThat(root.resolve("evil")).isRegularFile().hasContent("replaces the link, not what it points at");
  }

  @Test
  void hardLinkToADirectory_isRefused() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.directory("d/").hardLink("x", "d"));

    assertRefused(catchThrowable(() -> unpack(layer)), "x",
        "hard link to the directory 'd'");
  }

  @Test
  void whiteoutOfDotDot_isRefused() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.directory("etc/").file("etc/.wh...", ""));

    assertRefused(catchThrowable(() -> unpack(layer)), "etc/.wh...",
        "a whiteout must name a file in its directory");
  }

  @Test
  void whiteoutThroughASymlinkPointingOut_deletesNothingOutside() throws Exception {
    Layer lower = RawLayers.layer(store, tar -> tar.symlink("hostside", "../../../outside"));
    Layer upper = RawLayers.layer(store, tar -> tar.file("hostside/.wh.keep", ""));

    unpack(lower, upper);

    assertThat(root.resolve("hostside")).isSymbolicLink();
  }

  @Test
  void directoryReplacedBySymlinkToSlash_thenEntriesUnderIt_landInsideTheRoot() throws Exception {
    Layer lower = RawLayers.layer(store, tar -> tar.directory("usr/").file("usr/x", "lower"));
    Layer upper = RawLayers.layer(store, tar -> tar.symlink("usr", "/")
        .file("usr/etc/passwd", "image passwd")
        .file("usr/outside/keep", "image keep"));

    unpack(lower, upper);

    assertThat(root.resolve("usr")).isSymbolicLink();
    assertThat(root.resolve("etc/passwd")).hasContent("image passwd");
    assertThat(root.resolve("outside/keep")).hasContent("image keep");
  }

  @Test
  void fileOverASymlinkThatPointsOut_replacesTheSymlink() throws Exception {
    Layer lower = RawLayers.layer(store, tar -> tar.directory("etc/").symlink("etc/passwd", "../../../../etc/passwd"));
    Layer upper = RawLayers.layer(store, tar -> tar.file("etc/passwd", "image passwd"));

    unpack(lower, upper);

    assertThat(root.resolve("etc/passwd")).isRegularFile().hasContent("image passwd");
  }

  @Test
  void directoryOverASymlinkThatPointsOut_replacesTheSymlink_andItsModeIsNotAppliedOutside() throws Exception {
    Layer lower = RawLayers.layer(store, tar -> tar.symlink("out", "../../../outside"));
    Layer upper = RawLayers.layer(store, tar -> tar.directory("out/").file("out/keep", "image"));

    unpack(lower, upper);

    assertThat(root.resolve("out")).isDirectory();
    assertThat(Files.isSymbolicLink(root.resolve("out"))).isFalse();
  }

  @Test
  void symlinkNamedLikeTheRoot_isRefused() throws Exception {
    Layer layer = RawLayers.layer(store, tar -> tar.symlink("/", "/outside"));

    assertRefused(catchThrowable(() -> unpack(layer)), "/",
        "only a directory can be the root");
  }
}
