package io.dapp.domain.port;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads a project's dappfile. */
public interface Dappfiles {

  /**
   * The base images ({@code from}) of the named dimgs, or of all dimgs when {@code dimgNames} is empty;
   * {@code scratch} is not an image and is left out.
   *
   * @throws InvalidInputException when there is no dappfile, it is malformed, or a named dimg is not in it
   */
  List<ImageReference> baseImages(Path projectDirectory, List<String> dimgNames) throws InvalidInputException;

  /**
   * The names of the dappfile's dimgs (not artifacts), in the order they are written; the nameless dimg
   * is an empty name.
   *
   * @throws InvalidInputException when there is no dappfile or it is malformed
   */
  List<Optional<String>> dimgNames(Path projectDirectory) throws InvalidInputException;
}
