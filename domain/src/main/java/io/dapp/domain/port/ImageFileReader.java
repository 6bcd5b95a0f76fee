package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import java.util.List;
import java.util.Optional;

/** Reads a file out of an image's layers, as a container of the image would see it. */
public interface ImageFileReader {

  /** Largest file read, so that a huge file by that name cannot exhaust memory. */
  int MAX_SIZE = 4 * 1024 * 1024;

  /**
   * The content of {@code path} (relative, {@code etc/passwd}) in the image made of {@code layers} (base
   * first): the topmost layer that has it, or deletes it with a whiteout, decides. Empty when absent.
   */
  Optional<byte[]> read(List<Layer> layers, String path, LocalImageStore store) throws OperationFailedException;
}
