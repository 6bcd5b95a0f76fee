package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import java.nio.file.Path;
import java.util.List;

/** One root filesystem from {@link RootFilesystems#open}; closing it removes it, whatever happened. */
public interface RootFilesystem extends AutoCloseable {

  /** The directory a runtime uses as the container's root. */
  Path directory();

  /**
   * Whether {@code absolutePath} is a regular file in this root filesystem, resolved as the container would
   * resolve it (symlinks followed inside the root, never out of it): is there a {@code /bin/sh} to run.
   */
  boolean hasFile(String absolutePath) throws DappException;

  /**
   * What is at {@code absolutePath} (resolved inside the root as the container would): for a directory,
   * everything below it, paths relative to it, in tar order, with modes, owners, mtimes, attributes and
   * content read from the root filesystem when a layer is written (hard links among them as links); for a
   * file or symlink, one entry named after it. Empty when nothing is there. What an import copies.
   */
  List<LayerEntry> files(String absolutePath) throws DappException;

  /**
   * What changed in {@link #directory()} since it was opened, as the entries of a layer in tar order
   * (each path once, parents before children): added and changed files with their content, modes, owners,
   * mtimes and extended attributes; the parent directories of each; hard links among them kept as links
   * (the first name a file, the others {@link LayerEntry.Kind#HARDLINK}s to it); a
   * {@link LayerEntry.Kind#WHITEOUT} for each deleted path (not for what was below it); a directory that
   * replaced another followed by an {@link LayerEntry.Kind#OPAQUE} marker. A file's content is read when
   * the layer is written, so the root filesystem must stay open until then.
   */
  List<LayerEntry> changes() throws DappException;

  /**
   * The changes are now {@code layer} in the store: an adapter that keeps unpacked layers may keep them
   * for {@code layer}, so that a later {@link RootFilesystems#open} of an image with it unpacks nothing.
   */
  void committed(Layer layer) throws DappException;

  /** Removes the root filesystem (unmounting what was mounted for it); never throws. */
  @Override
  void close();
}
