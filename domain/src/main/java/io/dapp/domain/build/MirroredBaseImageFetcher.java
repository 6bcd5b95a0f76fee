package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Docker Hub's base images through its mirrors, as docker's {@code registry-mirrors}: a base image on Docker Hub
 * ({@code from: alpine:3.19}) is asked of each mirror in order, under the same repository name
 * ({@code MIRROR/library/alpine:3.19}), then of Docker Hub; the first that has it gives it. Whatever a mirror
 * does wrong (down, no such image, a refused login, bytes that do not match their digest) sends the pull to
 * the next source; when every one failed, the error names each with what it said. A user's bad input (a
 * malformed docker config) stops at once. Images of other registries are fetched as they are. The store names
 * the image by its Docker Hub name whatever source gave it, and its digest is checked as any pull's is.
 */
public final class MirroredBaseImageFetcher implements BaseImageFetcher {

  private final BaseImageFetcher fetcher;

  public MirroredBaseImageFetcher(BaseImageFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "'fetcher' must not be null");
  }

  /** Without a word on where the image came from. */
  @Override
  public StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress) throws DappException {
    return fetch(image, platform, dockerConfig, options, store, progress, Console.SILENT);
  }

  @Override
  public StoredImage fetch(ImageReference image, Platform platform, DockerConfig dockerConfig, RegistryOptions options,
      LocalImageStore store, TransferProgress progress, Console console) throws DappException {
    if (!options.mirrored(image.host())) {
      return fetcher.fetch(image, platform, dockerConfig, options, store, progress, console);
    }
    List<String> failures = new ArrayList<>();
    RegistryException last = null;
    for (RegistryMirror mirror : options.mirrors()) {
      ImageReference mirrored = new ImageReference(new Repository(mirror.host(), image.repository().path()),
          image.tag(), image.digest());
      try {
        StoredImage found = fetcher.fetch(mirrored, platform, dockerConfig, options, store, progress, console);
        console.debug("base image " + image + ": from the mirror " + mirror);
        return found;
      } catch (RegistryException e) {
        console.debug("base image " + image + ": the mirror " + mirror + " failed (" + e.getMessage()
            + "); trying the next source");
        failures.add("the mirror " + mirror + ": " + e.getMessage());
        last = e;
      }
    }
    try {
      StoredImage found = fetcher.fetch(image, platform, dockerConfig, options, store, progress, console);
      console.debug("base image " + image + ": from " + image.host() + " itself, after its mirror(s)");
      return found;
    } catch (RegistryException e) {
      failures.add("Docker Hub: " + e.getMessage());
      e.addSuppressed(last);
      throw new MirroredPullFailedException("pull base image " + image + ": no source had it: "
          + String.join("; ", failures), e);
    }
  }
}
