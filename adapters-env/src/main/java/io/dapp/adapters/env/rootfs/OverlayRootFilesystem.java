package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.LocalImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The overlay driver's root filesystem: the image's kept layers as the lower directories of an overlay
 * mount, with a fresh upper directory that collects whatever the stage writes. {@link #changes()} walks only
 * that upper directory: a character device 0/0 there is a deleted path, a directory marked opaque replaced
 * the one below, everything else is a changed file or a directory on the way to one (copied up).
 */
final class OverlayRootFilesystem extends DirectoryRootFilesystem {

  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private final UnpackedLayers cache;
  private final List<Layer> layers;
  private final LocalImageStore store;
  private final Path workspace;
  private final Path upper;
  private final Path merged;
  private final Runnable release;
  private boolean closed;
  private boolean mounted;

  OverlayRootFilesystem(UnpackedLayers cache, List<Layer> layers, LocalImageStore store, NativeCalls calls,
      Path workspace, Runnable release) {
    super(calls);
    this.cache = cache;
    this.layers = List.copyOf(layers);
    this.store = store;
    this.workspace = workspace;
    this.upper = workspace.resolve("u");
    this.merged = workspace.resolve("m");
    this.release = release;
  }

  /** Mounts the kept layers {@code ids} (base first) below a fresh upper directory. */
  void mount(List<String> ids) throws DappException {
    try {
      java.nio.file.Files.createDirectory(upper);
      Path work = java.nio.file.Files.createDirectory(workspace.resolve("w"));
      java.nio.file.Files.createDirectory(merged);
      if (ids.isEmpty()) {
        // An image without layers: an empty lower directory.
        Path empty = java.nio.file.Files.createDirectory(workspace.resolve("e"));
        calls.chmod(empty, 0755);
        OverlayMounts.mount(cache.mountDirectory(), OverlayMounts.options(List.of(cache.relative(empty)),
            cache.relative(upper), cache.relative(work)), merged);
      } else {
        OverlayMounts.mount(cache.mountDirectory(), cache.options(ids, upper, work), merged);
      }
      mounted = true;
    } catch (IOException e) {
      throw new OperationFailedException("cannot mount the root filesystem at " + merged + ": "
          + LayerUnpacker.describe(e), e);
    }
  }

  @Override
  public Path directory() {
    return merged;
  }

  @Override
  public List<LayerEntry> changes() throws DappException {
    try {
      TreeMap<String, FileStat> stats = TreeWalk.walk(upper, calls);
      List<LayerEntry> entries = new ArrayList<>();
      Map<String, FileStat> files = new TreeMap<>(TreeWalk::compare);
      for (Map.Entry<String, FileStat> item : stats.entrySet()) {
        String path = item.getKey();
        FileStat stat = item.getValue();
        Path host = upper.resolve(path);
        if (stat.isWhiteout()) {
          entries.add(LayerEntry.whiteout(path));
          continue;
        }
        Optional<LayerEntry> entry = TreeWalk.entry(path, host, stat);
        if (entry.isEmpty()) {
          continue; // a socket
        }
        entries.add(entry.get());
        files.put(path, stat);
        if (stat.isDirectory()) {
          byte[] opaque = calls.getXattr(host, OPAQUE_XATTR);
          if (opaque != null && new String(opaque, StandardCharsets.US_ASCII).equals("y")) {
            entries.add(LayerEntry.opaque(path));
          }
          if (calls.getXattr(host, "trusted.overlay.redirect") != null) {
            throw new IOException(host + " was renamed by overlayfs's redirect_dir, which dapp turns off");
          }
        } else if (stat.isRegular() && calls.getXattr(host, "trusted.overlay.metacopy") != null) {
          throw new IOException(host + " holds only metadata (overlayfs's metacopy, which dapp turns off)");
        }
      }
      return TreeWalk.ordered(entries, files);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read the changes of the root filesystem " + merged + ": "
          + LayerUnpacker.describe(e), e);
    }
  }

  /**
   * Keeps {@code layer} unpacked above this root filesystem's layers, so the next stage mounts it. It is
   * unpacked from the store rather than taken from the upper directory: the layer is what the domain made of
   * the changes (the runner's mount points and its resolv.conf and hosts left out), not the upper directory
   * itself, and unpacking that one layer is what makes the kept layer the same as anywhere else.
   */
  @Override
  public void committed(Layer layer) throws DappException {
    List<Layer> image = new ArrayList<>(layers);
    image.add(layer);
    cache.ensure(image, store);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (mounted) {
        OverlayMounts.unmount(merged);
        mounted = false;
      }
      Metadata.deleteTree(workspace);
    } catch (IOException | RuntimeException e) {
      // never throws: a leftover is unmounted and removed when the cache is cleaned
    } finally {
      release.run();
    }
  }
}
