package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.port.LocalImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Layers unpacked once and kept in overlayfs's format, under the local store: {@code <store>/.dapp-rootfs/}
 * holds {@code l/ID/d} (a layer's files; deletions as overlayfs whiteouts, character devices 0/0, and
 * directories that hide the layers below with {@code trusted.overlay.opaque=y}: dapp mounts as root, without
 * {@code userxattr}), {@code l/ID/chain} (what ID stands for), {@code tmp/} (work directories of root
 * filesystems being made or used) and {@code lock} ({@link CacheLock}). Every directory dapp makes here is
 * 0700.
 *
 * <p>A layer is unpacked through an overlay of the layers below it, so the kernel writes the whiteouts and
 * opaque directories, and the result is the same as unpacking the whole image into one directory. Which is
 * why what is kept is named by the layer's chain id (its diff_id and those of all layers below it, as
 * containerd names its snapshots), not by its diff_id alone: a whiteout of a file that only some bases have,
 * or a hard link to a file of a lower layer, makes the same layer unpack differently on different bases. ID
 * is the first 16 hex digits of the chain id (short, so that many layers fit in one mount's options), and
 * {@code chain} says which chain it is and which diff_ids it is made of.
 *
 * <p>A layer appears whole or not at all: it is unpacked into a directory under {@code tmp/} and renamed into
 * {@code l/}; when another dapp process made the same one meanwhile, the rename fails and this copy is
 * dropped.
 */
final class UnpackedLayers {

  private final Path directory;
  private final Path layers;
  private final Path temporaries;
  private final CacheLock lock;
  private final NativeCalls calls;
  private final LayerUnpacker unpacker;

  /** With its own count of holders, which other {@link CacheLocks} of this JVM wait for. */
  UnpackedLayers(Path directory, NativeCalls calls) {
    this(directory, calls, new CacheLocks());
  }

  UnpackedLayers(Path directory, NativeCalls calls, CacheLocks locks) {
    this.directory = directory;
    this.layers = directory.resolve("l");
    this.temporaries = directory.resolve("tmp");
    this.lock = locks.of(directory.resolve("lock"));
    this.calls = calls;
    this.unpacker = new LayerUnpacker(calls);
  }

  static Path of(LocalImageStore store) {
    return Path.of(store.location()).resolve(".dapp-rootfs");
  }

  Path directory() {
    return directory;
  }

  /** A shared hold on the cache ({@link CacheLock}); the action releases it. */
  Runnable share() throws DappException {
    try {
      createPrivateDirectories(layers);
      createPrivateDirectories(temporaries);
      return lock.share();
    } catch (IOException e) {
      throw new OperationFailedException("cannot use the unpacked-layer cache " + directory + ": "
          + LayerUnpacker.describe(e), e);
    }
  }

  /** A new private directory under {@code tmp/}. */
  Path workspace() throws IOException {
    createPrivateDirectories(temporaries);
    return Files.createTempDirectory(temporaries, "fs-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
  }

  /** Where a mount's relative lower, upper and work directories are resolved from. */
  Path mountDirectory() {
    return layers;
  }

  /** {@code path} as the mount options name it: relative to {@link #mountDirectory()}. */
  String relative(Path path) {
    return layers.relativize(path).toString();
  }

  /**
   * The IDs of {@code image}'s layers (base first), each unpacked and kept, unpacking those that are not.
   * The caller holds a shared hold.
   */
  List<String> ensure(List<Layer> image, LocalImageStore store) throws DappException {
    List<String> ids = new ArrayList<>();
    List<String> chain = chainIds(image);
    for (int i = 0; i < image.size(); i++) {
      String id = chain.get(i).substring(0, 16);
      String description = describe(chain.get(i), image.subList(0, i + 1));
      Path kept = layers.resolve(id);
      try {
        if (!matches(kept, description)) {
          unpackLayer(image.get(i), i + 1, image.size(), ids, kept, description, store);
        }
      } catch (IOException e) {
        throw new OperationFailedException("cannot keep layer " + image.get(i).blob().digest().shortForm()
            + " unpacked in " + directory + ": " + LayerUnpacker.describe(e), e);
      }
      ids.add(id);
    }
    return ids;
  }

  private boolean matches(Path kept, String description) throws IOException, DappException {
    Path chainFile = kept.resolve("chain");
    if (!Files.isDirectory(kept.resolve("d")) || !Files.isRegularFile(chainFile)) {
      return false;
    }
    if (!Files.readString(chainFile, StandardCharsets.UTF_8).equals(description)) {
      throw new OperationFailedException("the unpacked layer " + kept + " is of another image: remove " + directory);
    }
    return true;
  }

  private void unpackLayer(Layer layer, int number, int count, List<String> lowerIds, Path kept,
      String description, LocalImageStore store) throws IOException, DappException {
    Path workspace = workspace();
    try {
      Path diff = Files.createDirectory(workspace.resolve("d"));
      calls.chmod(diff, 0755);
      if (lowerIds.isEmpty()) {
        unpacker.unpack(diff, layer, number, count, store);
      } else {
        Path work = Files.createDirectory(workspace.resolve("w"));
        Path merged = Files.createDirectory(workspace.resolve("m"));
        OverlayMounts.mount(layers, options(lowerIds, diff, work), merged);
        try {
          unpacker.unpack(merged, layer, number, count, store);
        } finally {
          OverlayMounts.unmount(merged);
        }
        Metadata.deleteTree(work);
        Files.delete(merged);
        dropOverlayBookkeeping(diff);
      }
      Files.writeString(workspace.resolve("chain"), description, StandardCharsets.UTF_8);
      try {
        Files.move(workspace, kept, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another dapp process (or thread) kept the same layer meanwhile (rename(2) says ENOTEMPTY or EEXIST):
        // its copy is as good as this one.
        if (!matches(kept, description)) {
          throw e;
        }
      }
    } finally {
      Metadata.deleteTree(workspace);
    }
  }

  String options(List<String> lowerIds, Path upper, Path work) throws DappException {
    List<String> lowers = new ArrayList<>();
    for (int i = lowerIds.size() - 1; i >= 0; i--) {
      lowers.add(lowerIds.get(i) + "/d");
    }
    String options = OverlayMounts.options(lowers, relative(upper), relative(work));
    if (options == null) {
      throw new OperationFailedException("an image of " + lowerIds.size() + " layers is too many for one overlay"
          + " mount's options (one page)");
    }
    return options;
  }

  /**
   * Removes the attributes overlayfs sets on an upper directory for its own use (a copied-up file's origin,
   * a directory's impurity), except the opaque marker: a kept layer is mounted below other upper
   * directories later, where they would name files of another mount.
   */
  private void dropOverlayBookkeeping(Path diff) throws IOException {
    try (Stream<Path> paths = Files.walk(diff)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        for (String name : calls.listXattrs(path)) {
          if (name.startsWith("trusted.overlay.") && !name.equals(OverlayRootFilesystem.OPAQUE_XATTR)) {
            calls.removeXattr(path, name);
          }
        }
      }
    }
  }

  /**
   * Removes the kept layers that are not made only of {@code diffIds} (a layer is kept for its chain: once one
   * layer of the chain is gone from the store, nothing mounts it again), and leftover work directories. It
   * does so only when no dapp process uses the cache; otherwise it removes nothing and says so.
   *
   * <p>Not wired yet: the local cleanup should call it, through {@link LocalRootFilesystems#removeUnpackedLayers}
   * (which says where), with the diff_ids of the layers the store keeps.
   *
   * @return how many kept layers were removed, or -1 when the cache is in use
   */
  int removeExcept(Set<Digest> diffIds) throws DappException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try {
      Integer removed = lock.ifUnused(() -> {
        unmountLeftovers();
        if (Files.isDirectory(temporaries)) {
          try (Stream<Path> leftovers = Files.list(temporaries)) {
            for (Path leftover : (Iterable<Path>) leftovers::iterator) {
              Metadata.deleteTree(leftover);
            }
          }
        }
        int count = 0;
        if (Files.isDirectory(layers)) {
          try (Stream<Path> kept = Files.list(layers)) {
            for (Path layer : (Iterable<Path>) kept::iterator) {
              if (!madeOnlyOf(layer, diffIds)) {
                Metadata.deleteTree(layer);
                count++;
              }
            }
          }
        }
        return count;
      });
      return removed == null ? -1 : removed;
    } catch (IOException e) {
      throw new OperationFailedException("cannot clean the unpacked-layer cache " + directory + ": "
          + LayerUnpacker.describe(e), e);
    }
  }

  private static boolean madeOnlyOf(Path layer, Set<Digest> diffIds) {
    try {
      List<String> lines = Files.readAllLines(layer.resolve("chain"), StandardCharsets.UTF_8);
      if (lines.size() < 2 || !Files.isDirectory(layer.resolve("d"))) {
        return false;
      }
      for (String line : lines.subList(1, lines.size())) {
        if (!diffIds.contains(Digest.parse(line))) {
          return false;
        }
      }
      return true;
    } catch (IOException | DappException | RuntimeException e) {
      return false;
    }
  }

  /** Overlays a killed dapp left mounted in its work directories. */
  private void unmountLeftovers() throws IOException {
    Path mountInfo = Path.of("/proc/self/mountinfo");
    if (!Files.isReadable(mountInfo)) {
      return;
    }
    String prefix = temporaries.toAbsolutePath().normalize() + "/";
    for (String line : Files.readAllLines(mountInfo, StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        String mountPoint = fields[4].replace("\\040", " ");
        if (mountPoint.startsWith(prefix)) {
          OverlayMounts.unmount(Path.of(mountPoint));
        }
      }
    }
  }

  /** containerd's chain ids: the base layer's diff_id, then sha256 of "PARENT_CHAIN DIFF_ID" for each next one. */
  static List<String> chainIds(List<Layer> image) {
    List<String> result = new ArrayList<>();
    String chain = null;
    for (Layer layer : image) {
      chain = chain == null ? layer.diffId().toString()
          : Digests.sha256(chain + " " + layer.diffId()).toString();
      result.add(chain.substring(chain.indexOf(':') + 1));
    }
    return result;
  }

  private static String describe(String chain, List<Layer> layers) {
    StringBuilder text = new StringBuilder("sha256:").append(chain).append('\n');
    for (Layer layer : layers) {
      text.append(layer.diffId()).append('\n');
    }
    return text.toString();
  }

  private static void createPrivateDirectories(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return;
    }
    Path parent = path.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // made by another process meanwhile
    }
  }

  /** For tests and {@code --debug}: the kept layers, ID → chain description. */
  Map<String, String> kept() throws IOException {
    Map<String, String> result = new TreeMap<>();
    if (Files.isDirectory(layers)) {
      try (Stream<Path> kept = Files.list(layers)) {
        for (Path layer : (Iterable<Path>) kept::iterator) {
          Path chain = layer.resolve("chain");
          result.put(layer.getFileName().toString(), Files.isRegularFile(chain) ? Files.readString(chain) : "");
        }
      }
    }
    return result;
  }
}
