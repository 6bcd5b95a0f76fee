package io.dapp.adapters.env.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.OperationFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootMountPointsTest {

  @TempDir
  Path temporary;

  private Path root;
  private Path outside;

  @BeforeEach
  void createRootAndOutside() throws IOException {
    root = Files.createDirectory(temporary.resolve("root"));
    outside = Files.createDirectory(temporary.resolve("outside"));
  }

  @Test
  void anEmptyRoot_getsEveryMountPoint_andTheWorkingDirectory() throws Exception {
    RootMountPoints.Plan plan = RootMountPoints.prepare(root, "/srv/app");

    assertThat(plan.resolvConf()).isTrue();
    assertThat(plan.hosts()).isTrue();
    assertThat(plan.notices()).isEmpty();
    assertThat(root.resolve("proc")).isDirectory();
    assertThat(root.resolve("dev")).isDirectory();
    assertThat(root.resolve("sys")).isDirectory();
    assertThat(root.resolve("etc/resolv.conf")).isRegularFile().isEmptyFile();
    assertThat(root.resolve("etc/hosts")).isRegularFile().isEmptyFile();
    assertThat(root.resolve("srv/app")).isDirectory();
  }

  @Test
  void whatExists_isLeftAsItIs() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "10.0.0.1 image-own\n");

    RootMountPoints.prepare(root, "/");

    assertThat(root.resolve("etc/hosts")).hasContent("10.0.0.1 image-own");
  }

  @Test
  void aDevThatIsALinkOutOfTheRoot_isRefusedInOneLine_andNothingIsCreatedOutside() throws Exception {
    Files.createSymbolicLink(root.resolve("dev"), outside);

    assertThatThrownBy(() -> RootMountPoints.prepare(root, "/"))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("the root filesystem's /dev is a symbolic link, not a directory: a stage cannot run in it");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void anEtcThatIsALink_getsNoCopies_andIsNotFollowed() throws Exception {
    Files.createSymbolicLink(root.resolve("etc"), outside);

    RootMountPoints.Plan plan = RootMountPoints.prepare(root, "/");

    assertThat(plan.resolvConf()).isFalse();
    assertThat(plan.hosts()).isFalse();
    assertThat(plan.notices()).containsExactly("/etc in the root filesystem is a symbolic link: the host's"
        + " /etc/resolv.conf and /etc/hosts are not mounted in it");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void aResolvConfThatIsALink_isNotMountedOver() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Path hostFile = Files.writeString(outside.resolve("resolv.conf"), "nameserver 192.0.2.53\n");
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), hostFile);

    RootMountPoints.Plan plan = RootMountPoints.prepare(root, "/");

    assertThat(plan.resolvConf()).isFalse();
    assertThat(plan.hosts()).isTrue();
    assertThat(plan.notices()).containsExactly(
        "/etc/resolv.conf in the root filesystem is a symbolic link: the host's is not mounted over it");
    assertThat(hostFile).hasContent("nameserver 192.0.2.53");
  }

  @Test
  void aWorkingDirectoryBehindLinks_isCreatedInsideTheRoot_evenWhenTheLinksPointOutOfIt() throws Exception {
    Files.createDirectories(root.resolve("usr"));
    Files.createSymbolicLink(root.resolve("app"), outside);             // absolute: means /<outside> in the root
    Files.createSymbolicLink(root.resolve("usr/up"), Path.of("../../../..")); // climbs no higher than the root

    RootMountPoints.prepare(root, "/app/work");
    RootMountPoints.prepare(root, "/usr/up/srv");

    assertThat(outside).isEmptyDirectory();
    assertThat(root.resolve(outside.toString().substring(1)).resolve("work")).isDirectory();
    assertThat(root.resolve("srv")).isDirectory();
  }

  @Test
  void aWorkingDirectoryThatIsAFile_isRefused() throws Exception {
    Files.writeString(root.resolve("app"), "not a directory");

    assertThatThrownBy(() -> RootMountPoints.prepare(root, "/app"))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("the working directory /app is a file in the root filesystem, not a directory");
  }
}
