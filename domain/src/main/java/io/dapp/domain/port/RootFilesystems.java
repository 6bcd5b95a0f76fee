package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digest;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Root filesystems that a shell stage's commands run in: an image's layers unpacked on this machine, and
 * afterwards what the commands changed. How they are made (a copy per stage, the kernel's overlayfs,
 * unpacked layers kept for the next build) is the adapter's; what a layer must contain is the domain's.
 */
public interface RootFilesystems {

  /**
   * A new root filesystem holding the image made of {@code layers} (base first), as a container of that
   * image would see it: whiteouts and opaque directories applied, hard links and symlinks as the layers
   * say, modes (setuid too), owners, and extended attributes. Nothing is ever written outside the root,
   * whatever an entry's name, a symlink or a hard link in a layer says.
   *
   * @throws io.dapp.domain.error.InvalidInputException when a layer holds an entry that would be written
   *     outside the root or cannot be an entry of a root filesystem: one line naming the layer and the entry
   * @throws io.dapp.domain.error.OperationFailedException when a layer cannot be read or written out
   */
  RootFilesystem open(List<Layer> layers, LocalImageStore store) throws DappException;

  /** How root filesystems are made for {@code store} on this machine, and why: one line, for {@code --debug}. */
  String explain(LocalImageStore store);

  /**
   * Removes what the adapter keeps for {@code store} (unpacked layers) that is not made only of layers with
   * these diff_ids: the local cleanup's part, after the store's own garbage collection.
   *
   * @return how many kept items were removed; empty when a build was using them, so nothing was removed
   */
  OptionalInt removeUnused(LocalImageStore store, Set<Digest> keptDiffIds) throws DappException;
}
