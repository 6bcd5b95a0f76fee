package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.util.List;
import java.util.Objects;

/**
 * What both drivers' root filesystems read the same way, since both are a directory on the host: files are
 * looked up inside {@link #directory()} as the container would see them, never outside it.
 */
abstract class DirectoryRootFilesystem implements RootFilesystem {

  final NativeCalls calls;

  DirectoryRootFilesystem(NativeCalls calls) {
    this.calls = Objects.requireNonNull(calls, "'calls' must not be null");
  }

  @Override
  public final boolean hasFile(String absolutePath) throws DappException {
    return PathsInRoot.isFile(directory(), absolutePath);
  }

  @Override
  public final List<LayerEntry> files(String absolutePath) throws DappException {
    return RootFiles.at(directory(), absolutePath, calls);
  }
}
