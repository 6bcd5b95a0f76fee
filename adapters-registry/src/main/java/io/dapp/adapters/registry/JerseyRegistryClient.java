package io.dapp.adapters.registry;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryCredentialsException;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The registry port over Jersey. One {@link RegistryCaller} per registry host, created when the host is
 * first used (which is when its credentials are read from the docker config).
 */
final class JerseyRegistryClient implements RegistryClient {

  private static final int MAX_TAG_PAGES = 10_000;

  private final DockerConfig dockerConfig;
  private final RegistryOptions options;
  private final JerseyTransport transport;
  private final RetryTools retryTools;
  private final BlobUploads uploads;
  private final PingCache pings;
  private final Map<RegistryHost, RegistryCaller> callers = new HashMap<>();

  JerseyRegistryClient(DockerConfig dockerConfig, RegistryOptions options, JerseyTransport transport,
      RetryTools retryTools, BlobUploads uploads, PingCache pings) {
    this.uploads = uploads;
    this.pings = pings;
    this.dockerConfig = dockerConfig;
    this.options = options;
    this.transport = transport;
    this.retryTools = retryTools;
  }

  private synchronized RegistryCaller caller(RegistryHost host) throws RegistryException, InvalidInputException {
    RegistryCaller caller = callers.get(host);
    if (caller == null) {
      Optional<RegistryAuth> auth;
      try {
        auth = dockerConfig.authFor(host);
      } catch (InvalidInputException e) {
        throw e; // the user's docker config is malformed: bad input, as the config said
      } catch (OperationFailedException e) {
        throw new RegistryCredentialsException(host, e);
      } catch (DappException e) {
        throw new IllegalStateException("DappException is sealed: input or operation", e);
      }
      transport.serve(host);
      String hint = "the docker config " + dockerConfig.directory() + " has no credentials for " + host;
      Authenticator authenticator =
          new Authenticator(auth, new TokenFetcher(transport, options, retryTools.clock(), retryTools.sleeper(),
              retryTools.random()), retryTools.clock());
      caller = new RegistryCaller(host, options, transport, authenticator, retryTools, pings, hint);
      callers.put(host, caller);
    }
    return caller;
  }

  /** One call of the port: a TLS file found unusable on the way is the user's bad input. */
  @FunctionalInterface
  private interface PortCall<T> {
    T run() throws RegistryException, InvalidInputException, IOException;
  }

  private static <T> T guarded(PortCall<T> call) throws RegistryException, InvalidInputException, IOException {
    try {
      return call.run();
    } catch (TlsFileException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
  }

  /** As {@link #guarded}, for a call that writes nowhere but to the registry. */
  private static <T> T guardedCall(PortCall<T> call) throws RegistryException, InvalidInputException {
    try {
      return guarded(call);
    } catch (IOException e) {
      throw new IllegalStateException("only a blob download writes to a stream of the caller's", e);
    }
  }

  @Override
  public void ping(RegistryHost host) throws RegistryException, InvalidInputException {
    guardedCall(() -> caller(host).call(new PingEndpoint(RegistryAction.PING)));
  }

  @Override
  public Optional<ManifestDescriptor> checkManifest(ImageReference reference)
      throws RegistryException, InvalidInputException {
    ManifestHeadEndpoint.Result result = guardedCall(() -> caller(reference.host())
        .call(new ManifestHeadEndpoint(reference)));
    if (!result.exists()) {
      return Optional.empty();
    }
    if (result.descriptor().isPresent()) {
      return result.descriptor();
    }
    // The registry did not say what it has: ask for the manifest itself.
    return Optional.of(pullManifest(reference).descriptor());
  }

  @Override
  public Manifest pullManifest(ImageReference reference) throws RegistryException, InvalidInputException {
    return guardedCall(() -> caller(reference.host()).call(new ManifestGetEndpoint(reference)));
  }

  @Override
  public Manifest pullImageManifest(ImageReference reference, Optional<Platform> platform)
      throws RegistryException, InvalidInputException {
    Manifest manifest = pullManifest(reference);
    if (!manifest.mediaType().isIndex()) {
      return manifest;
    }
    Digest chosen = IndexResolver.select(reference, manifest, platform.orElse(options.defaultPlatform()));
    Manifest image = pullManifest(new ImageReference(reference.repository(), Optional.empty(), Optional.of(chosen)));
    if (image.mediaType().isIndex()) {
      throw new RegistryResponseException(RegistryAction.PULL_MANIFEST, reference.host(), reference.repository(),
          "@" + chosen, 0, "an index entry is itself an index; dapp resolves one level only");
    }
    return image;
  }

  @Override
  public Digest pushManifest(ImageReference target, Manifest manifest) throws RegistryException, InvalidInputException {
    if (target.digest().isPresent() && !target.digest().get().equals(manifest.digest())) {
      throw new IllegalArgumentException("the manifest's digest is " + manifest.digest() + ", not " + target.digest().get());
    }
    return guardedCall(() -> caller(target.host()).call(new ManifestPutEndpoint(target, manifest)));
  }

  @Override
  public boolean blobExists(Repository repository, Digest digest) throws RegistryException, InvalidInputException {
    return guardedCall(() -> caller(repository.host()).call(new BlobHeadEndpoint(repository, digest)));
  }

  @Override
  public BlobPush pushBlob(Repository repository, BlobSource blob, Optional<Repository> mountFrom)
      throws RegistryException, InvalidInputException {
    return guardedCall(() -> new BlobPusher(caller(repository.host()), retryTools, options.retryPolicy(), uploads)
        .push(repository, blob, mountFrom));
  }

  @Override
  public long pullBlob(Repository repository, Digest digest, OutputStream target, LongConsumer progress)
      throws RegistryException, InvalidInputException, IOException {
    return guarded(() -> {
      try {
        return caller(repository.host()).call(new BlobGetEndpoint(repository, digest, target, progress));
      } catch (BlobGetEndpoint.TargetFailure e) {
        throw e.getCause();
      }
    });
  }

  @Override
  public List<String> listTags(Repository repository) throws RegistryException, InvalidInputException {
    return guardedCall(() -> tags(repository));
  }

  private List<String> tags(Repository repository) throws RegistryException, InvalidInputException {
    RegistryCaller caller = caller(repository.host());
    List<String> tags = new ArrayList<>();
    Optional<URI> page = Optional.empty();
    for (int pages = 0; pages < MAX_TAG_PAGES; pages++) {
      TagsListEndpoint.Page result = caller.call(new TagsListEndpoint(repository, page));
      tags.addAll(result.tags());
      if (result.next().isEmpty() || result.tags().isEmpty()) {
        return tags;
      }
      page = result.next();
    }
    throw new RegistryResponseException(RegistryAction.LIST_TAGS, repository.host(), repository, "", 0,
        "the registry's tag list does not end (more than " + MAX_TAG_PAGES + " pages)");
  }

  @Override
  public void deleteManifest(Repository repository, Digest digest) throws RegistryException, InvalidInputException {
    guardedCall(() -> caller(repository.host()).call(new ManifestDeleteEndpoint(repository, digest)));
  }

  @Override
  public synchronized void close() {
    callers.values().forEach(caller -> caller.authenticator().forgetTokens());
    callers.clear();
    transport.close();
  }
}
