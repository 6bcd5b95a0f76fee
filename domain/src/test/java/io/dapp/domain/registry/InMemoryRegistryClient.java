package io.dapp.domain.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory registry behind the port, for use-case tests. It keeps the port's contract (the same
 * suite runs against it and the real adapter): manifests keep their bytes, blobs named by a manifest must
 * exist, indexes resolve to a platform, deletes can be switched off, and it records what was sent.
 */
public final class InMemoryRegistryClient implements RegistryClient {

  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern INDEX_ENTRY = Pattern.compile(
      "\\{[^{}]*\"digest\"\\s*:\\s*\"(sha256:[a-f0-9]{64})\"[^{}]*\"platform\"\\s*:\\s*(\\{[^{}]*\\})");

  private final Map<Repository, Contents> repositories = new HashMap<>();
  private final RegistryOptions options;
  private boolean deletionEnabled = true;
  private final List<String> uploads = new ArrayList<>();

  private static final class Contents {
    final Map<Digest, byte[]> blobs = new HashMap<>();
    final Map<Digest, Manifest> manifests = new HashMap<>();
    final Map<String, Digest> tags = new LinkedHashMap<>();
  }

  public InMemoryRegistryClient(RegistryOptions options) {
    this.options = options;
  }

  public InMemoryRegistryClient() {
    this(RegistryOptions.defaults());
  }

  /** Makes every delete fail as on a registry whose storage.delete is off. */
  public InMemoryRegistryClient withDeletionDisabled() {
    deletionEnabled = false;
    return this;
  }

  /** The digests whose bytes were uploaded (not skipped, not mounted), in order. */
  public synchronized List<String> uploads() {
    return List.copyOf(uploads);
  }

  private Contents contents(Repository repository) {
    return repositories.computeIfAbsent(repository, r -> new Contents());
  }

  @Override
  public void ping(RegistryHost host) {}

  @Override
  public synchronized Optional<ManifestDescriptor> checkManifest(ImageReference reference) {
    return find(reference).map(Manifest::descriptor);
  }

  @Override
  public synchronized Manifest pullManifest(ImageReference reference) throws RegistryException {
    return find(reference).orElseThrow(() -> new ManifestUnknownException(RegistryAction.PULL_MANIFEST,
        reference.host(), reference.repository(), subject(reference), "manifest unknown"));
  }

  @Override
  public synchronized Manifest pullImageManifest(ImageReference reference, Optional<Platform> platform)
      throws RegistryException {
    Manifest manifest = pullManifest(reference);
    if (!manifest.mediaType().isIndex()) {
      return manifest;
    }
    Platform wanted = platform.orElse(options.defaultPlatform());
    List<Platform> available = new ArrayList<>();
    Matcher entry = INDEX_ENTRY.matcher(manifest.contentAsString());
    Digest accepted = null;
    while (entry.find()) {
      Platform candidate = platformOf(entry.group(2));
      available.add(candidate);
      Digest digest = new Digest("sha256", entry.group(1).substring("sha256:".length()));
      if (candidate.equals(wanted)) {
        return pullManifest(byDigest(reference.repository(), digest));
      }
      if (accepted == null && wanted.accepts(candidate)) {
        accepted = digest;
      }
    }
    if (accepted == null) {
      throw new PlatformNotFoundException(reference.host(), reference.repository(), subject(reference), wanted, available);
    }
    return pullManifest(byDigest(reference.repository(), accepted));
  }

  @Override
  public synchronized Digest pushManifest(ImageReference target, Manifest manifest) throws RegistryException {
    Contents contents = contents(target.repository());
    Matcher digests = DIGEST.matcher(manifest.contentAsString());
    while (digests.find()) {
      Digest named = new Digest("sha256", digests.group().substring("sha256:".length()));
      if (!contents.blobs.containsKey(named) && !contents.manifests.containsKey(named)) {
        throw new RegistryResponseException(RegistryAction.PUSH_MANIFEST, target.host(), target.repository(),
            subject(target), 400, "the registry answered 400: MANIFEST_BLOB_UNKNOWN: blob unknown to registry");
      }
    }
    Digest digest = manifest.digest();
    contents.manifests.put(digest, manifest);
    target.tag().ifPresent(tag -> contents.tags.put(tag, digest));
    return digest;
  }

  @Override
  public synchronized boolean blobExists(Repository repository, Digest digest) {
    return contents(repository).blobs.containsKey(digest);
  }

  /** The source is read outside the registry's lock, so that parallel uploads do overlap. */
  @Override
  public BlobPush pushBlob(Repository repository, BlobSource blob, Optional<Repository> mountFrom)
      throws RegistryException {
    synchronized (this) {
      Contents contents = contents(repository);
      if (contents.blobs.containsKey(blob.digest())) {
        return BlobPush.ALREADY_PRESENT;
      }
      if (mountFrom.isPresent() && mountFrom.get().host().equals(repository.host())
          && repositories.containsKey(mountFrom.get())
          && repositories.get(mountFrom.get()).blobs.containsKey(blob.digest())) {
        contents.blobs.put(blob.digest(), repositories.get(mountFrom.get()).blobs.get(blob.digest()));
        return BlobPush.MOUNTED;
      }
    }
    byte[] bytes;
    try (InputStream in = blob.opener().open()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new RegistryUnreachableException(RegistryAction.PUSH_BLOB, repository.host(), repository,
          "reading the blob's source failed: " + e.getMessage(), e);
    }
    Digest actual = Digests.sha256(bytes);
    if (!actual.equals(blob.digest()) || bytes.length != blob.size()) {
      throw new RegistryResponseException(RegistryAction.PUSH_BLOB, repository.host(), repository,
          "@" + blob.digest(), 400, "the registry answered 400: DIGEST_INVALID: provided digest did not match uploaded content");
    }
    synchronized (this) {
      contents(repository).blobs.put(blob.digest(), bytes);
      uploads.add(blob.digest().toString());
    }
    return BlobPush.UPLOADED;
  }

  /**
   * Written outside the registry's lock, in slices, with progress after each, so that parallel downloads
   * overlap and a test sees progress as it would from a network.
   */
  @Override
  public long pullBlob(Repository repository, Digest digest, OutputStream target, LongConsumer progress)
      throws RegistryException, IOException {
    byte[] bytes;
    synchronized (this) {
      bytes = contents(repository).blobs.get(digest);
    }
    if (bytes == null) {
      throw new BlobUnknownException(RegistryAction.PULL_BLOB, repository.host(), repository, digest);
    }
    int slice = Math.max(1, Math.min(64 * 1024, (bytes.length + 3) / 4));
    for (int offset = 0; offset < bytes.length; offset += slice) {
      int length = Math.min(slice, bytes.length - offset);
      target.write(bytes, offset, length);
      progress.accept(offset + length);
    }
    return bytes.length;
  }

  @Override
  public synchronized List<String> listTags(Repository repository) {
    Contents contents = repositories.get(repository);
    return contents == null ? List.of() : List.copyOf(contents.tags.keySet());
  }

  @Override
  public synchronized void deleteManifest(Repository repository, Digest digest) throws RegistryException {
    if (!deletionEnabled) {
      throw new DeletionDisabledException(repository.host(), repository, digest);
    }
    Contents contents = repositories.get(repository);
    if (contents == null || contents.manifests.remove(digest) == null) {
      throw new ManifestUnknownException(RegistryAction.DELETE_MANIFEST, repository.host(), repository, "@" + digest,
          "manifest unknown");
    }
    contents.tags.values().removeIf(digest::equals);
  }

  @Override
  public void close() {}

  private Optional<Manifest> find(ImageReference reference) {
    Contents contents = repositories.get(reference.repository());
    if (contents == null) {
      return Optional.empty();
    }
    Digest digest = reference.digest().orElseGet(() -> contents.tags.get(reference.tag().orElse("latest")));
    return Optional.ofNullable(digest).map(contents.manifests::get);
  }

  private static ImageReference byDigest(Repository repository, Digest digest) {
    return new ImageReference(repository, Optional.empty(), Optional.of(digest));
  }

  private static String subject(ImageReference reference) {
    return reference.digest().map(d -> "@" + d).orElse(":" + reference.tag().orElse("latest"));
  }

  private static Platform platformOf(String json) {
    return new Platform(field(json, "os"), field(json, "architecture"), Optional.ofNullable(field(json, "variant")));
  }

  private static String field(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Which repositories hold something; for assertions. */
  public synchronized Set<Repository> repositories() {
    return new HashSet<>(repositories.keySet());
  }
}
