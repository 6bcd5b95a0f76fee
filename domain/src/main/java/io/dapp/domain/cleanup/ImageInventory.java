package io.dapp.domain.cleanup;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.registry.BlobUnknownException;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ImageMeta;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.RegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Reads every tag of some repositories: each tag's manifest (its digest is the digest of what the registry
 * sends), then once per config the config's created time and labels. Requests run on a bounded pool. A tag
 * or config that disappears while being read is left out; any other failure stops the command before
 * anything is deleted.
 */
public final class ImageInventory {

  public static final int DEFAULT_PARALLELISM = 8;

  private final ManifestReader manifests;
  private final ImageConfigReader configs;
  private final int parallelism;

  public ImageInventory(ManifestReader manifests, ImageConfigReader configs, int parallelism) {
    this.manifests = Objects.requireNonNull(manifests, "'manifests' must not be null");
    this.configs = Objects.requireNonNull(configs, "'configs' must not be null");
    if (parallelism < 1) {
      throw new IllegalArgumentException("'parallelism' must be positive");
    }
    this.parallelism = parallelism;
  }

  /** How many registry requests cleanup keeps in flight. */
  public int parallelism() {
    return parallelism;
  }

  /** A tag and what its manifest says: the config to read, or none (not an image). */
  private record TaggedManifest(Repository repository, String tag, Digest digest, Optional<Digest> config) {}

  /** A config in a repository: blobs are reachable only through a repository that links them. */
  private record ConfigBlob(Repository repository, Digest digest) {}

  public List<RegistryImage> read(RegistryClient client, List<Repository> repositories, Console console)
      throws DappException {
    try (BoundedPool pool = new BoundedPool(parallelism, "dapp-registry-read",
        "interrupted while reading the registry; nothing was deleted")) {
      // One GET per tag gives both the digest the tag points to and the manifest: a HEAD first and a GET by
      // digest after cost a thousand tags a thousand more requests.
      List<TaggedManifest> tagged = eachTag(client, repositories, pool, console,
          (repository, tag) -> manifest(client, repository, tag, console));
      Map<ConfigBlob, Callable<Optional<ImageMeta>>> configReads = new LinkedHashMap<>();
      for (TaggedManifest tag : tagged) {
        tag.config().ifPresent(config -> configReads.computeIfAbsent(new ConfigBlob(tag.repository(), config),
            blob -> () -> meta(client, blob, console)));
      }
      List<Optional<ImageMeta>> metas = pool.runAll(new ArrayList<>(configReads.values()));
      Map<ConfigBlob, Optional<ImageMeta>> byConfig = new LinkedHashMap<>();
      int i = 0;
      for (ConfigBlob blob : configReads.keySet()) {
        byConfig.put(blob, metas.get(i++));
      }
      List<RegistryImage> images = new ArrayList<>();
      for (TaggedManifest tag : tagged) {
        Optional<ImageMeta> meta = tag.config().isEmpty() ? Optional.of(ImageMeta.NONE)
            : byConfig.get(new ConfigBlob(tag.repository(), tag.config().get()));
        meta.ifPresent(found -> images.add(
            new RegistryImage(tag.repository(), tag.tag(), tag.digest(), found.created(), found.labels())));
      }
      return images;
    }
  }

  /**
   * Which tags of {@code repositories} point at which manifest, read now ({@code HEAD} per tag, on the pool).
   * A cleanup asks again right before it deletes: a tag pushed since the registry was read may point at a
   * manifest the plan deletes, and deleting a manifest deletes every tag that points at it.
   */
  public Map<DeleteTarget, Set<String>> tagsByManifest(RegistryClient client, Collection<Repository> repositories,
      Console console) throws DappException {
    try (BoundedPool pool = new BoundedPool(parallelism, "dapp-registry-read",
        "interrupted while reading the registry; nothing was deleted")) {
      List<TaggedManifest> pointed = eachTag(client, repositories, pool, console,
          (repository, tag) -> client.checkManifest(repository.withTag(tag))
              .map(ManifestDescriptor::digest)
              .map(digest -> new TaggedManifest(repository, tag, digest, Optional.empty())));
      Map<DeleteTarget, Set<String>> tags = new LinkedHashMap<>();
      pointed.forEach(tag -> tags.computeIfAbsent(new DeleteTarget(tag.repository(), tag.digest()),
          target -> new TreeSet<>()).add(tag.tag()));
      return tags;
    }
  }

  /** Reads one tag; empty when it vanished meanwhile. */
  @FunctionalInterface
  private interface TagReader {
    Optional<TaggedManifest> read(Repository repository, String tag) throws Exception;
  }

  /** Lists every tag of {@code repositories} and reads each on the pool, in the registry's order. */
  private static List<TaggedManifest> eachTag(RegistryClient client, Collection<Repository> repositories,
      BoundedPool pool, Console console, TagReader reader) throws DappException {
    List<Callable<Optional<TaggedManifest>>> reads = new ArrayList<>();
    for (Repository repository : repositories) {
      List<String> tags = client.listTags(repository);
      console.debug(repository + ": " + tags.size() + " tag(s)");
      for (String tag : tags) {
        reads.add(() -> reader.read(repository, tag));
      }
    }
    List<TaggedManifest> found = new ArrayList<>();
    for (Optional<TaggedManifest> tag : pool.runAll(reads)) {
      tag.ifPresent(found::add);
    }
    return found;
  }

  /** The tag's manifest, resolved to the platform's image for an index; empty when the tag vanished meanwhile. */
  private Optional<TaggedManifest> manifest(RegistryClient client, Repository repository, String tag,
      Console console) throws DappException {
    ImageReference reference = repository.withTag(tag);
    try {
      Manifest manifest = client.pullManifest(reference);
      ImageReference byDigest = new ImageReference(repository, Optional.empty(), Optional.of(manifest.digest()));
      Manifest image = manifest.mediaType().isIndex() ? client.pullImageManifest(byDigest, Optional.empty()) : manifest;
      Optional<Digest> config;
      try {
        config = Optional.of(manifests.configDigest(image));
      } catch (OperationFailedException notAnImage) {
        console.debug(byDigest + ": " + notAnImage.getMessage() + "; read as an image without labels");
        config = Optional.empty();
      }
      return Optional.of(new TaggedManifest(repository, tag, manifest.digest(), config));
    } catch (ManifestUnknownException gone) {
      console.debug(reference + " vanished while being read: " + gone.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The facts of one config; empty when it vanished meanwhile. The config is read into memory, as it is
   * parsed there whole anyway: a file per config cost a thousand-tag cleanup a thousand files created,
   * written, read and deleted. The client checks the bytes against the digest before this sees them.
   */
  private Optional<ImageMeta> meta(RegistryClient client, ConfigBlob blob, Console console)
      throws DappException, IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      client.pullBlob(blob.repository(), blob.digest(), bytes, size -> {});
    } catch (BlobUnknownException gone) {
      console.debug(blob.repository() + "@" + blob.digest() + " vanished while being read: " + gone.getMessage());
      return Optional.empty();
    }
    try {
      return Optional.of(configs.read(bytes.toByteArray()));
    } catch (OperationFailedException notJson) {
      console.debug(blob.repository() + ": config " + blob.digest() + " " + notJson.getMessage()
          + "; read as an image without labels");
      return Optional.of(ImageMeta.NONE);
    }
  }
}
