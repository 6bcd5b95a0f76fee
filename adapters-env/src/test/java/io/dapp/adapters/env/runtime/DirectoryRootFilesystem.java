package io.dapp.adapters.env.runtime;

import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A root filesystem that is just a directory, for running stages in tests until the real one exists: it
 * knows no changes and closing it leaves the directory (the test's temporary directory removes it).
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
