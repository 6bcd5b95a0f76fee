package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.StageRunners;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerChangesTest {

  @Test
  void theRuntimesMountPoints_andWhatIsBelowThem_neverReachALayer_butLookalikesDo() {
    List<LayerEntry> changes = List.of(LayerEntry.directory("proc", 0, 0), LayerEntry.directory("proc/1", 0, 0),
        LayerEntry.directory("process", 0, 0), LayerEntry.directory("etc", 0, 0),
        LayerEntry.whiteout("etc/hosts"), LayerEntry.directory("etc/hosts.d", 0, 0), LayerEntry.directory("sys", 0, 0),
        LayerEntry.directory("dev", 0, 0), LayerEntry.directory("devices", 0, 0));

    assertThat(LayerChanges.of(changes, StageRunners.MOUNT_POINTS, Optional.empty()))
        .extracting(LayerEntry::path).containsExactly("process", "etc", "etc/hosts.d", "devices");
  }

  @Test
  void withoutSourceDateEpoch_mtimesStayAsTheCommandsLeftThem() {
    LayerEntry entry = LayerEntry.directory("app", 0, 0).withMtime(Instant.parse("2031-05-06T07:08:09Z"));

    assertThat(LayerChanges.of(List.of(entry), List.of(), Optional.empty())).containsExactly(entry);
  }
}
