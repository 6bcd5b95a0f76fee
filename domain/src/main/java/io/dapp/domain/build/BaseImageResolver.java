package io.dapp.domain.build;

import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.model.Platform;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.RegistryOptions;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a dimg's base image: in the local store first (under its full name, or as the dappfile wrote it,
 * as {@code skopeo copy docker://alpine:3.19 oci:STORE:alpine:3.19} would put it), so a build works offline
 * when its base images are there; otherwise from its registry, after which it is in the store under its
 * full name.
 */
final class BaseImageResolver {

  private final BaseImageFetcher fetcher;

  BaseImageResolver(BaseImageFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "'fetcher' must not be null");
  }

  /** The base image, or empty for {@code scratch}. */
  Optional<StoredImage> resolve(BaseImage base, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress, Console console)
      throws DappException {
    if (base.isScratch()) {
      return Optional.empty();
    }
    ImageReference image = base.image().orElseThrow();
    Optional<StoredImage> stored = inStore(base, store);
    StoredImage found;
    if (stored.isPresent()) {
      found = stored.get();
    } else {
      found = fetcher.fetch(image, platform, dockerConfig, options, store, progress, console);
      store.tag(storeName(image), found.manifestDescriptor());
    }
    if (image.digest().isPresent() && !image.digest().get().equals(found.manifestDescriptor().digest())) {
      throw new OperationFailedException("base image " + image + " came with manifest digest "
          + found.manifestDescriptor().digest());
    }
    if (!platform.accepts(found.config().platform())) {
      throw new OperationFailedException("base image " + image + " in " + store.location() + " is for "
          + found.config().platform() + ", not " + platform + " (see --platform)");
    }
    return Optional.of(found);
  }

  private static Optional<StoredImage> inStore(BaseImage base, LocalImageStore store) throws OperationFailedException {
    ImageReference image = base.image().orElseThrow();
    if (image.digest().isPresent() && store.hasBlob(image.digest().get())) {
      return Optional.of(store.readImage(image.digest().get()));
    }
    if (image.digest().isPresent()) {
      return Optional.empty(); // a tag in the store may point elsewhere now: only the digest is trusted
    }
    for (String name : names(base)) {
      Optional<Descriptor> manifest = store.resolve(name);
      if (manifest.isPresent()) {
        return Optional.of(store.readImage(manifest.get().digest()));
      }
    }
    return Optional.empty();
  }

  /** The names a base image may have in the store: full, then as written; with {@code :latest} when untagged. */
  static Set<String> names(BaseImage base) {
    Set<String> names = new LinkedHashSet<>();
    ImageReference image = base.image().orElseThrow();
    names.add(storeName(image));
    names.add(base.written());
    if (image.tag().isEmpty()) {
      names.add(base.written() + ":latest");
    }
    return names;
  }

  /** The full name a fetched base image is stored under: {@code docker.io/library/alpine:latest}. */
  static String storeName(ImageReference image) {
    return image.tag().isEmpty() && image.digest().isEmpty() ? image + ":latest" : image.toString();
  }
}
