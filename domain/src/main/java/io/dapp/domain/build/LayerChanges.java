package io.dapp.domain.build;

import io.dapp.domain.image.LayerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What of a root filesystem's changes goes into a stage's layer: nothing at or below a path the runner
 * mounted over ({@code /proc}, {@code /dev}, the {@code /etc/resolv.conf} copy...), and with
 * {@code SOURCE_DATE_EPOCH} set no mtime later than it, so that two builds of the same inputs give the same
 * layer when the commands themselves are deterministic.
 */
final class LayerChanges {

  private LayerChanges() {}

  static List<LayerEntry> of(List<LayerEntry> changes, List<String> mountPoints, Optional<Instant> sourceDateEpoch) {
    return changes.stream()
        .filter(entry -> mountPoints.stream().noneMatch(point -> isAtOrBelow(entry.path(), point)))
        .map(entry -> sourceDateEpoch.filter(epoch -> entry.mtime().isAfter(epoch)).map(entry::withMtime).orElse(entry))
        .toList();
  }

  private static boolean isAtOrBelow(String path, String point) {
    return path.equals(point) || path.startsWith(point + "/");
  }
}
