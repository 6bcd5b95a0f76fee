package io.dapp.adapters.env.mounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.domain.dappfile.Mount;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.MountDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMountDirectoriesTest {

  @TempDir
  Path directory;

  private final StoreMountDirectories mounts = new StoreMountDirectories();
  private static final ProjectId SHOP = new ProjectId("gitlab.example.com/web/shop");
  private static final ProjectId OTHER = new ProjectId("gitlab.example.com/web/other");

  @Test
  void aBuildDir_keepsWhatAStageLeft_forTheNextStageOfTheProject_andNoOtherProject() throws Exception {
    LocalImageStore store = OciLayoutStore.open(directory.resolve("store"));
    Mount npm = new Mount(Mount.Kind.BUILD_DIR, "/root/.npm");
    Path first;
    try (MountDirectories.Held held = mounts.hold(npm, SHOP, store)) {
      first = held.path();
      Files.writeString(first.resolve("cache.bin"), "cached");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rwx------");
    }
    try (MountDirectories.Held again = mounts.hold(npm, SHOP, store);
        MountDirectories.Held other = mounts.hold(npm, OTHER, store)) {
      assertThat(again.path()).isEqualTo(first);
      assertThat(again.path().resolve("cache.bin")).hasContent("cached");
      assertThat(other.path()).isNotEqualTo(first).isEmptyDirectory();
    }

    assertThat(mounts.removeBuildDirectories(SHOP, store)).isEqualTo(1);
    assertThat(first).doesNotExist();
    assertThat(mounts.removeBuildDirectories(SHOP, store)).isZero();
  }

  @Test
  void aTmpDir_isNewAndEmptyForEachStage_andGoneAfterIt() throws Exception {
    LocalImageStore store = OciLayoutStore.open(directory.resolve("store"));
    Mount tmp = new Mount(Mount.Kind.TMP_DIR, "/tmp/build");
    Path used;
    try (MountDirectories.Held held = mounts.hold(tmp, SHOP, store)) {
      used = held.path();
      Files.createDirectories(used.resolve("deep/er"));
      Files.writeString(used.resolve("deep/er/file"), "x");
    }
    assertThat(used).doesNotExist();
    try (MountDirectories.Held next = mounts.hold(tmp, SHOP, store)) {
      assertThat(next.path()).isNotEqualTo(used).isEmptyDirectory();
    }
  }
}
