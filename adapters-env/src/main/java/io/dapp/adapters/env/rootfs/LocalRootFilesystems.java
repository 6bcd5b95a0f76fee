package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digest;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.RootFilesystem;
import io.dapp.domain.port.RootFilesystems;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Root filesystems on this machine, made by one of two drivers, chosen once per process (per store):
 * <ul>
 *   <li><b>overlay</b>, when dapp runs as root and an overlay can be mounted under the store (probed by
 *       mounting a tiny one there): layers are unpacked once, kept ({@link UnpackedLayers}) and mounted
 *       below a fresh upper directory; the changes are that directory.
 *   <li><b>copy</b> otherwise (in a container without the right to mount, on a file system overlayfs cannot
 *       use as upper): all layers unpacked into one private directory, and the changes found by comparing
 *       it with a snapshot taken before the stage ran.
 * </ul>
 * {@link #explanation} says which and why, for {@code --debug}. Either way the directories live under
 * {@code <store>/.dapp-rootfs/}, owned by this adapter.
 *
 * <p>Unpacking as another user than root is not supported: owners, device nodes and {@code security.*}
 * attributes need root, and a layer that needs them fails in one line naming the entry.
 */
public final class LocalRootFilesystems implements RootFilesystems {

  /** Which driver to use: chosen by probing, or (tests) one of them. */
  enum Choice { PROBE, OVERLAY, COPY }

  private record Driver(boolean overlay, String why) {}

  private final NativeCalls calls = new NativeCalls();
  private final CacheLocks locks = new CacheLocks();
  private final Choice choice;
  private final Map<Path, Driver> drivers = new ConcurrentHashMap<>();
  private final LiveRootFilesystems live = new LiveRootFilesystems();

  @Inject
  public LocalRootFilesystems() {
    this(Choice.PROBE);
  }

  LocalRootFilesystems(Choice choice) {
    this.choice = choice;
  }

  @Override
  public RootFilesystem open(List<Layer> layers, LocalImageStore store) throws DappException {
    UnpackedLayers cache = new UnpackedLayers(UnpackedLayers.of(store), calls, locks);
    Driver driver = driver(cache);
    Runnable release = cache.share();
    try {
      return live.track(driver.overlay() ? openOverlay(cache, layers, store, release)
          : openCopy(cache, layers, store, release));
    } catch (DappException | RuntimeException e) {
      release.run();
      throw e;
    }
  }

  private RootFilesystem openOverlay(UnpackedLayers cache, List<Layer> layers, LocalImageStore store,
      Runnable release) throws DappException {
    List<String> ids = cache.ensure(layers, store);
    OverlayRootFilesystem root = new OverlayRootFilesystem(cache, layers, store, calls, workspace(cache), release);
    try {
      root.mount(ids);
    } catch (DappException | RuntimeException e) {
      root.close();
      throw e;
    }
    return root;
  }

  private RootFilesystem openCopy(UnpackedLayers cache, List<Layer> layers, LocalImageStore store, Runnable release)
      throws DappException {
    Path workspace = workspace(cache);
    Path root = workspace.resolve("root");
    CopyRootFilesystem filesystem = new CopyRootFilesystem(workspace, root, calls, release);
    try {
      Files.createDirectory(root);
      calls.chmod(root, 0755);
      new LayerUnpacker(calls).unpack(root, layers, store);
      filesystem.snapshot();
    } catch (IOException e) {
      filesystem.close();
      throw new OperationFailedException("cannot make a root filesystem in " + workspace + ": "
          + LayerUnpacker.describe(e), e);
    } catch (DappException | RuntimeException e) {
      filesystem.close();
      throw e;
    }
    return filesystem;
  }

  private static Path workspace(UnpackedLayers cache) throws DappException {
    try {
      return cache.workspace();
    } catch (IOException e) {
      throw new OperationFailedException("cannot make a work directory in " + cache.directory() + ": "
          + LayerUnpacker.describe(e), e);
    }
  }

  @Override
  public String explain(LocalImageStore store) {
    Driver driver = driver(new UnpackedLayers(UnpackedLayers.of(store), calls, locks));
    return (driver.overlay() ? "overlay: " : "copy: ") + driver.why();
  }

  /** The unpacked layers not made only of these diff_ids, when no dapp process is using them (see {@link UnpackedLayers#removeExcept}). */
  @Override
  public OptionalInt removeUnused(LocalImageStore store, Set<Digest> keptDiffIds) throws DappException {
    int removed = new UnpackedLayers(UnpackedLayers.of(store), calls, locks).removeExcept(keptDiffIds);
    return removed < 0 ? OptionalInt.empty() : OptionalInt.of(removed);
  }

  private Driver driver(UnpackedLayers cache) {
    return drivers.computeIfAbsent(cache.directory(), directory -> switch (choice) {
      case OVERLAY -> new Driver(true, "chosen");
      case COPY -> new Driver(false, "chosen");
      case PROBE -> probe(cache);
    });
  }

  private Driver probe(UnpackedLayers cache) {
    try {
      int euid = calls.effectiveUid();
      if (euid != 0) {
        return new Driver(false, "dapp runs as uid " + euid + ", and only root mounts overlays");
      }
    } catch (IOException e) {
      return new Driver(false, e.getMessage());
    }
    Path probe = null;
    Runnable release = null;
    try {
      release = cache.share();
      probe = cache.workspace();
      Path lower = Files.createDirectory(probe.resolve("l"));
      Path upper = Files.createDirectory(probe.resolve("u"));
      Path work = Files.createDirectory(probe.resolve("w"));
      Path merged = Files.createDirectory(probe.resolve("m"));
      Files.writeString(lower.resolve("below"), "");
      OverlayMounts.mount(cache.mountDirectory(), OverlayMounts.options(List.of(cache.relative(lower)),
          cache.relative(upper), cache.relative(work)), merged);
      try {
        Files.delete(merged.resolve("below"));
        Files.writeString(merged.resolve("above"), "");
      } finally {
        OverlayMounts.unmount(merged);
      }
      if (!Files.exists(upper.resolve("above")) || !FileStat.read(upper.resolve("below"), calls).isWhiteout()) {
        return new Driver(false, "an overlay mounted under " + cache.directory() + " did not write its upper"
            + " directory as expected");
      }
      return new Driver(true, "root, and an overlay mounts under " + cache.directory());
    } catch (IOException | DappException e) {
      return new Driver(false, "an overlay cannot be mounted under " + cache.directory() + ": " + e.getMessage());
    } finally {
      if (probe != null) {
        try {
          Metadata.deleteTree(probe);
        } catch (IOException ignored) {
          // removed with the cache's leftovers
        }
      }
      if (release != null) {
        release.run();
      }
    }
  }
}
