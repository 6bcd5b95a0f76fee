package io.dapp.domain.testing;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.EncodedImage;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.CollectedGarbage;
import io.dapp.domain.port.GarbageCollection;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.StoreReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local image store in memory, for use-case tests. Configs and manifests are "serialised" as their
 * records' text, which is deterministic for the same values, so digests behave as the real store's do.
 */
public final class InMemoryLocalImageStore implements LocalImageStore {

  private final Map<Digest, byte[]> blobs = new HashMap<>();
  private final Map<Digest, StoredImage> images = new HashMap<>();
  private final Map<String, Descriptor> names = new TreeMap<>();
  private final List<String> tagged = new ArrayList<>();
  private final Map<Digest, Instant> written = new HashMap<>();
  private final Map<String, Map<String, String>> annotations = new HashMap<>();
  private final Clock clock;

  public InMemoryLocalImageStore() {
    this(Clock.systemUTC());
  }

  /** With the clock that dates writes, as a file system dates a blob. */
  public InMemoryLocalImageStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public synchronized boolean hasBlob(Digest digest) {
    boolean present = blobs.containsKey(digest);
    if (present) {
      written.put(digest, clock.instant());
    }
    return present;
  }

  @Override
  public synchronized Descriptor putBlob(String mediaType, BlobWriter writer) throws OperationFailedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(out);
    } catch (IOException e) {
      throw new OperationFailedException("cannot write a blob: " + e.getMessage(), e);
    }
    return put(mediaType, out.toByteArray());
  }

  @Override
  public Descriptor putBlob(String mediaType, Digest expected, InputStream content)
      throws OperationFailedException {
    return putBlob(mediaType, expected, out -> content.transferTo(out));
  }

  /** The writer runs outside the store's lock, so that parallel downloads do run in parallel. */
  @Override
  public Descriptor putBlob(String mediaType, Digest expected, BlobWriter writer) throws OperationFailedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(out);
    } catch (IOException e) {
      throw new OperationFailedException("cannot write a blob: " + e.getMessage(), e);
    }
    byte[] bytes = out.toByteArray();
    Digest actual = Digests.sha256(bytes);
    if (!actual.equals(expected)) {
      throw new OperationFailedException("blob " + expected + " not stored in memory: its content has digest " + actual);
    }
    return put(mediaType, bytes);
  }

  private synchronized Descriptor put(String mediaType, byte[] bytes) {
    Digest digest = Digests.sha256(bytes);
    blobs.put(digest, bytes);
    written.put(digest, clock.instant());
    return new Descriptor(mediaType, digest, bytes.length);
  }

  @Override
  public synchronized InputStream openBlob(Digest digest) throws OperationFailedException {
    byte[] bytes = blobs.get(digest);
    if (bytes == null) {
      throw new OperationFailedException("blob " + digest + " is not in memory");
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public synchronized StoredImage putImage(ImageConfig config, List<Layer> layers) throws OperationFailedException {
    EncodedImage encoded = encodeImage(config, layers);
    put(MediaType.OCI_CONFIG.value(), encoded.configJson());
    put(MediaType.OCI_MANIFEST.value(), encoded.manifestJson());
    images.put(encoded.image().manifestDescriptor().digest(), encoded.image());
    return encoded.image();
  }

  @Override
  public synchronized EncodedImage encodeImage(ImageConfig config, List<Layer> layers)
      throws OperationFailedException {
    for (Layer layer : layers) {
      if (!hasBlob(layer.blob().digest())) {
        throw new OperationFailedException("layer " + layer.blob().digest() + " is not in memory");
      }
    }
    byte[] configJson = config.toString().getBytes(StandardCharsets.UTF_8);
    Descriptor configBlob = new Descriptor(MediaType.OCI_CONFIG.value(), Digests.sha256(configJson),
        configJson.length);
    List<Descriptor> layerBlobs = layers.stream()
        .map(l -> new Descriptor(MediaType.ociLayerType(l.blob().mediaType()), l.blob().digest(), l.blob().size()))
        .toList();
    ImageManifest manifest = new ImageManifest(configBlob, layerBlobs);
    byte[] manifestJson = manifest.toString().getBytes(StandardCharsets.UTF_8);
    Descriptor manifestBlob = new Descriptor(MediaType.OCI_MANIFEST.value(), Digests.sha256(manifestJson),
        manifestJson.length);
    return new EncodedImage(new StoredImage(manifestBlob, manifest, config), configJson, manifestJson);
  }

  @Override
  public synchronized StoredImage readImage(Digest manifest) throws OperationFailedException {
    StoredImage image = images.get(manifest);
    if (image == null || !blobs.containsKey(manifest)) {
      throw new OperationFailedException("image " + manifest + " is not in memory");
    }
    for (Descriptor layer : image.manifest().layers()) {
      if (!blobs.containsKey(layer.digest())) {
        throw new OperationFailedException("layer " + layer.digest() + " is not in memory");
      }
    }
    return image;
  }

  @Override
  public synchronized void tag(String name, Descriptor manifest) {
    names.put(name, new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size()));
    annotations.remove(name);
    tagged.add(name);
  }

  @Override
  public synchronized Optional<Descriptor> resolve(String name) {
    return Optional.ofNullable(names.get(name));
  }

  @Override
  public synchronized List<String> names() {
    return List.copyOf(names.keySet());
  }

  /** Test help: removes a blob, as a damaged store would have lost it. */
  public synchronized void lose(Digest digest) {
    blobs.remove(digest);
    written.remove(digest);
  }

  /**
   * Test help: the blobs no name reaches (through a name's manifest to its config and layers): what a store
   * would keep for nothing.
   */
  public synchronized List<Digest> unreferencedBlobs() {
    Set<Digest> reachable = new HashSet<>();
    for (Descriptor named : names.values()) {
      reachable.add(named.digest());
      StoredImage image = images.get(named.digest());
      if (image != null) {
        reachable.add(image.manifest().config().digest());
        image.manifest().layers().forEach(layer -> reachable.add(layer.digest()));
      }
    }
    return blobs.keySet().stream().filter(digest -> !reachable.contains(digest)).sorted(
        Comparator.comparing(Digest::toString)).toList();
  }

  /** Test help: the names tagged, in order, repeats included. */
  public synchronized List<String> taggedNames() {
    return List.copyOf(tagged);
  }

  // Cleaning the store.

  @Override
  public synchronized void tag(String name, Descriptor manifest, Map<String, String> annotations) {
    tag(name, manifest);
    this.annotations.put(name, Map.copyOf(annotations));
  }

  @Override
  public synchronized List<StoreReference> references() {
    return names.entrySet().stream()
        .map(e -> new StoreReference(e.getKey(), e.getValue(), annotations.getOrDefault(e.getKey(), Map.of())))
        .toList();
  }

  @Override
  public synchronized Optional<Descriptor> untag(String name) {
    annotations.remove(name);
    return Optional.ofNullable(names.remove(name));
  }

  @Override
  public synchronized CollectedGarbage collectGarbage(GarbageCollection request) {
    Set<Digest> reachable = new HashSet<>();
    names.forEach((name, manifest) -> {
      if (!request.ignoring().contains(name)) {
        reachable.add(manifest.digest());
        StoredImage image = images.get(manifest.digest());
        if (image != null) {
          reachable.add(image.manifest().config().digest());
          image.manifest().layers().forEach(layer -> reachable.add(layer.digest()));
        }
      }
    });
    int removed = 0;
    long removedBytes = 0;
    int recent = 0;
    long recentBytes = 0;
    for (Digest digest : List.copyOf(blobs.keySet())) {
      if (reachable.contains(digest)) {
        continue;
      }
      long size = blobs.get(digest).length;
      if (!written.get(digest).isBefore(request.writtenBefore())) {
        recent++;
        recentBytes += size;
        continue;
      }
      removed++;
      removedBytes += size;
      if (!request.dryRun()) {
        blobs.remove(digest);
        written.remove(digest);
        images.remove(digest);
      }
    }
    return new CollectedGarbage(removed, removedBytes, 0, 0, recent, recentBytes);
  }

  /** Test help: dates a blob's last write {@code age} earlier, as time passing would. */
  public synchronized void backdate(Digest digest, Duration age) {
    written.computeIfPresent(digest, (d, when) -> when.minus(age));
  }
}
