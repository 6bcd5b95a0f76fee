package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.rootfs.PathsInRoot;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A root filesystem that is just a directory (a {@link BusyboxRoot}), for the runners' tests, which are about
 * running and not about layers: it knows no changes, and closing it leaves the directory (the test's
 * temporary directory removes it).
 */
public final class DirectoryRootFilesystem implements RootFilesystem {

  private final Path directory;

  public DirectoryRootFilesystem(Path directory) {
    this.directory = Objects.requireNonNull(directory, "'directory' must not be null");
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public boolean hasFile(String absolutePath) throws DappException {
    try {
      return Files.isRegularFile(PathsInRoot.resolve(directory, absolutePath), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new OperationFailedException(e.getMessage(), e);
    }
  }

  @Override
  public List<LayerEntry> files(String absolutePath) {
    throw new UnsupportedOperationException("a directory root filesystem lists no files");
  }

  @Override
  public List<LayerEntry> changes() {
    throw new UnsupportedOperationException("a directory root filesystem does not track changes");
  }

  @Override
  public void committed(Layer layer) {
    throw new UnsupportedOperationException("a directory root filesystem does not keep layers");
  }

  @Override
  public void close() {
  }
}
