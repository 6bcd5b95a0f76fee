package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.RootFilesystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The root filesystems still open: one shutdown hook, registered on first use, closes them when the JVM
 * exits without doing so (SIGINT, SIGTERM), so that no overlay stays mounted and no workspace stays on disk,
 * as {@code LiveTemporaryConfigs} does for temporary docker configs. The runner's own hook stops the stage's
 * process meanwhile; closing tolerates that it is still dying (an overlay is then detached lazily, and no
 * removal ever enters another file system).
 */
final class LiveRootFilesystems {

  private final Set<RootFilesystem> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookRegistered = new AtomicBoolean();

  /** {@code filesystem}, closed by the hook if the JVM exits before it is closed. */
  RootFilesystem track(RootFilesystem filesystem) {
    if (hookRegistered.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "dapp-root-filesystem-removal"));
    }
    Tracked tracked = new Tracked(filesystem);
    open.add(tracked);
    return tracked;
  }

  int size() {
    return open.size();
  }

  void closeAll() {
    open.forEach(RootFilesystem::close);
  }

  private final class Tracked implements RootFilesystem {

    private final RootFilesystem filesystem;

    Tracked(RootFilesystem filesystem) {
      this.filesystem = filesystem;
    }

    @Override
    public Path directory() {
      return filesystem.directory();
    }

    @Override
    public boolean hasFile(String absolutePath) throws DappException {
      return filesystem.hasFile(absolutePath);
    }

    @Override
    public List<LayerEntry> files(String absolutePath) throws DappException {
      return filesystem.files(absolutePath);
    }

    @Override
    public List<LayerEntry> changes() throws DappException {
      return filesystem.changes();
    }

    @Override
    public void committed(Layer layer) throws DappException {
      filesystem.committed(layer);
    }

    @Override
    public void close() {
      open.remove(this);
      filesystem.close();
    }
  }
}
