package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.LayerEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What {@code RootFilesystem.files} lists, the same for both drivers: a walk of the mounted or copied root. */
final class RootFiles {

  private RootFiles() {}

  static List<LayerEntry> at(Path root, String absolutePath, NativeCalls calls) throws DappException {
    try {
      Path host = PathsInRoot.resolve(root, absolutePath);
      if (Metadata.kindOf(host) == Metadata.Kind.MISSING) {
        return List.of();
      }
      FileStat top = FileStat.read(host, calls);
      if (!top.isDirectory()) {
        String name = host.getFileName().toString();
        return TreeWalk.entry(name, host, top).map(List::of).orElse(List.of());
      }
      TreeMap<String, FileStat> below = TreeWalk.walk(host, calls);
      List<LayerEntry> entries = new ArrayList<>();
      for (Map.Entry<String, FileStat> item : below.entrySet()) {
        Optional<LayerEntry> entry = TreeWalk.entry(item.getKey(), host.resolve(item.getKey()), item.getValue());
        entry.ifPresent(entries::add);
      }
      return TreeWalk.ordered(entries, below);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + absolutePath + " in the root filesystem: "
          + LayerUnpacker.describe(e), e);
    }
  }
}
