package io.dapp.domain.port;

import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads a project's dappfile. */
public interface Dappfiles {

  /**
   * The project's dappfile, every dimg and artifact in it.
   *
   * @throws InvalidInputException when there is no dappfile or it is malformed; the message names the
   *     file and the line
   */
  Dappfile read(Path projectDirectory) throws InvalidInputException;

  /**
   * The base images ({@code from}) of the named dimgs, or of all dimgs when {@code dimgNames} is empty;
   * {@code scratch} is not an image and is left out.
   *
   * @throws InvalidInputException when there is no dappfile, it is malformed, or a named dimg is not in it
   */
  default List<ImageReference> baseImages(Path projectDirectory, List<String> dimgNames)
      throws InvalidInputException {
    return read(projectDirectory).baseImages(dimgNames);
  }

  /**
   * The names of the dappfile's dimgs (not artifacts), in the order they are written; the nameless dimg
   * is an empty name.
   *
   * @throws InvalidInputException when there is no dappfile or it is malformed
   */
  default List<Optional<String>> dimgNames(Path projectDirectory) throws InvalidInputException {
    return read(projectDirectory).dimgs().stream().map(io.dapp.domain.dappfile.Dimg::name).toList();
  }
}
