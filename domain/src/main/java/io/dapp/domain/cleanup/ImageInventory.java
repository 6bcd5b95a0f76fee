package io.dapp.domain.cleanup;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.registry.ImageConfigReader;
import io.dapp.domain.registry.ImageMeta;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.BlobUnknownException;
import io.dapp.domain.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Reads every tag of some repositories: the digest each tag points to ({@code HEAD}), then once per digest
 * the manifest and its config's created time and labels. Requests run on a bounded pool. A tag that
 * disappears while being read is left out; any other failure stops the command before anything is deleted.
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

  private record TagDigest(Repository repository, String tag, Digest digest) {}

  public List<RegistryImage> read(RegistryClient client, List<Repository> repositories, Console console)
      throws DappException {
    ExecutorService pool = pool();
    Path blobs = null;
    try {
      blobs = Files.createTempDirectory("dapp-cleanup-");
      List<TagDigest> pointed = pointers(client, repositories, pool, console);
      Map<DeleteTarget, Callable<Optional<ImageMeta>>> reads = new LinkedHashMap<>();
      Path directory = blobs;
      for (TagDigest tag : pointed) {
        reads.computeIfAbsent(new DeleteTarget(tag.repository(), tag.digest()),
            target -> () -> meta(client, target, directory, console));
      }
      List<Optional<ImageMeta>> metas = runAll(pool, new ArrayList<>(reads.values()));
      Map<DeleteTarget, Optional<ImageMeta>> byTarget = new LinkedHashMap<>();
      int i = 0;
      for (DeleteTarget target : reads.keySet()) {
        byTarget.put(target, metas.get(i++));
      }
      List<RegistryImage> images = new ArrayList<>();
      for (TagDigest tag : pointed) {
        byTarget.get(new DeleteTarget(tag.repository(), tag.digest())).ifPresent(meta ->
            images.add(new RegistryImage(tag.repository(), tag.tag(), tag.digest(), meta.created(), meta.labels())));
      }
      return images;
    } catch (IOException e) {
      throw new OperationFailedException("cannot create a temporary directory for image configs: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
      deleteRecursively(blobs);
    }
  }

  /**
   * Which tags of {@code repositories} point at which manifest, read now. A cleanup asks again right before
   * it deletes: a tag pushed since the registry was read may point at a manifest the plan deletes, and
   * deleting a manifest deletes every tag that points at it.
   */
  public Map<DeleteTarget, Set<String>> tagsByManifest(RegistryClient client, Collection<Repository> repositories,
      Console console) throws DappException {
    ExecutorService pool = pool();
    try {
      Map<DeleteTarget, Set<String>> tags = new LinkedHashMap<>();
      for (TagDigest tag : pointers(client, List.copyOf(repositories), pool, console)) {
        tags.computeIfAbsent(new DeleteTarget(tag.repository(), tag.digest()), target -> new TreeSet<>())
            .add(tag.tag());
      }
      return tags;
    } finally {
      pool.shutdownNow();
    }
  }

  private ExecutorService pool() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newFixedThreadPool(parallelism, runnable -> {
      Thread thread = new Thread(runnable, "dapp-registry-read-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Every tag and the digest it points to ({@code HEAD} per tag, on the pool); a tag gone meanwhile is left out. */
  private static List<TagDigest> pointers(RegistryClient client, List<Repository> repositories, ExecutorService pool,
      Console console) throws DappException {
    List<Callable<Optional<TagDigest>>> heads = new ArrayList<>();
    for (Repository repository : repositories) {
      List<String> tags = client.listTags(repository);
      console.debug(repository + ": " + tags.size() + " tag(s)");
      for (String tag : tags) {
        heads.add(() -> client.checkManifest(repository.withTag(tag))
            .map(ManifestDescriptor::digest)
            .map(digest -> new TagDigest(repository, tag, digest)));
      }
    }
    List<TagDigest> pointed = new ArrayList<>();
    for (Optional<TagDigest> found : runAll(pool, heads)) {
      found.ifPresent(pointed::add);
    }
    return pointed;
  }

  /** The facts of one manifest; empty when it vanished meanwhile. */
  private Optional<ImageMeta> meta(RegistryClient client, DeleteTarget target, Path directory, Console console)
      throws DappException, IOException {
    ImageReference byDigest = new ImageReference(target.repository(), Optional.empty(), Optional.of(target.digest()));
    try {
      Manifest manifest = client.pullManifest(byDigest);
      Manifest image = manifest.mediaType().isIndex() ? client.pullImageManifest(byDigest, Optional.empty()) : manifest;
      Digest config;
      try {
        config = manifests.configDigest(image);
      } catch (OperationFailedException notAnImage) {
        console.debug(byDigest + ": " + notAnImage.getMessage() + "; read as an image without labels");
        return Optional.of(ImageMeta.NONE);
      }
      Path file = directory.resolve(target.digest().hex() + ".config");
      client.pullBlob(target.repository(), config, file);
      byte[] bytes = Files.readAllBytes(file);
      Files.deleteIfExists(file);
      try {
        return Optional.of(configs.read(bytes));
      } catch (OperationFailedException notJson) {
        console.debug(byDigest + ": config " + config + " " + notJson.getMessage() + "; read as an image without labels");
        return Optional.of(ImageMeta.NONE);
      }
    } catch (ManifestUnknownException | BlobUnknownException gone) {
      console.debug(byDigest + " vanished while being read: " + gone.getMessage());
      return Optional.empty();
    }
  }

  private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) throws DappException {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(task));
    }
    List<T> results = new ArrayList<>();
    try {
      for (Future<T> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while reading the registry; nothing was deleted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof DappException dapp) {
        throw dapp;
      }
      if (cause instanceof IOException io) {
        throw new OperationFailedException("cannot read an image config: " + io.getMessage(), io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
    return results;
  }

  private static void deleteRecursively(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
