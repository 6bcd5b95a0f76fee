package io.dapp.domain.deploy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.tag.DimgTag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads, for every dimg of the dappfile, its image under one tag from the registry: the image name push
 * gave it and its image id (the config digest of the image manifest for the platform). A dimg whose tag is
 * missing is an error naming it: a deploy never gets an empty image id.
 */
public final class DeployValuesReader {

  private final Dappfiles dappfiles;
  private final RegistryClientFactory registries;
  private final ManifestReader manifests;

  public DeployValuesReader(Dappfiles dappfiles, RegistryClientFactory registries, ManifestReader manifests) {
    this.dappfiles = Objects.requireNonNull(dappfiles, "'dappfiles' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
    this.manifests = Objects.requireNonNull(manifests, "'manifests' must not be null");
  }

  public HelmValues read(Path projectDirectory, Repository repository, DimgTag tag, DockerConfig dockerConfig,
      RegistryOptions options) throws DappException {
    List<Optional<String>> dimgs = dimgs(projectDirectory);
    List<DimgImage> images = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    try (RegistryClient registry = registries.open(dockerConfig, options)) {
      for (Optional<String> dimg : dimgs) {
        ImageReference image = imageName(repository, dimg, tag);
        try {
          Digest imageId = manifests.configDigest(registry.pullImageManifest(image, Optional.empty()));
          images.add(new DimgImage(dimg, image, imageId));
        } catch (ManifestUnknownException e) {
          missing.add(describe(dimg) + " (" + image + ")");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new OperationFailedException("tag '" + tag.value() + "' is not in the registry for "
          + String.join(", ", missing) + "; push the dimgs with the same tag options first");
    }
    return new HelmValues(repository, tag, images);
  }

  private List<Optional<String>> dimgs(Path projectDirectory) throws InvalidInputException {
    List<Optional<String>> dimgs = dappfiles.dimgNames(projectDirectory);
    if (dimgs.isEmpty()) {
      throw new InvalidInputException("the dappfile in " + projectDirectory + " has no dimg");
    }
    if (dimgs.size() > 1 && dimgs.contains(Optional.<String>empty())) {
      throw new InvalidInputException("the dappfile in " + projectDirectory
          + " has a nameless dimg among named ones; the nameless dimg must be the only dimg");
    }
    return dimgs;
  }

  /** As push names them: {@code REPO/<dimg>:<tag>}, and {@code REPO:<tag>} for the nameless dimg. */
  static ImageReference imageName(Repository repository, Optional<String> dimg, DimgTag tag)
      throws InvalidInputException {
    if (dimg.isEmpty()) {
      return repository.withTag(tag.value());
    }
    try {
      return new Repository(repository.host(), repository.path() + "/" + dimg.get()).withTag(tag.value());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("dimg '" + dimg.get() + "' cannot be part of an image name: " + e.getMessage());
    }
  }

  private static String describe(Optional<String> dimg) {
    return dimg.map(name -> "dimg '" + name + "'").orElse("the nameless dimg");
  }
}
