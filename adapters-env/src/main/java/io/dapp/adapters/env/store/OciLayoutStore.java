package io.dapp.adapters.env.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.error.UserText;
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
import io.dapp.domain.transfer.DigestingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local image store as an OCI image layout ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/<hex>}), readable by skopeo and other OCI tools. Blobs are written to a temporary
 * file, hashed on the way, and renamed into place under the digest of what was written; {@code index.json}
 * is rewritten the same way under a lock, so concurrent dapp runs can share the store.
 */
public final class OciLayoutStore implements LocalImageStore {

  /** Manifests and configs are small; a larger one is not something dapp wrote or can use. */
  private static final int MAX_JSON_BLOB = 4 * 1024 * 1024;

  /** The OCI grammar of a reference name (components separated by / with - . _ : @ + inside). */
  private static final Pattern REF_NAME =
      Pattern.compile("[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

  private final Path root;
  private final Path blobs;
  private final Path temporaries;
  private final Path index;
  private final StoreLock lock;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ImageJson json = new ImageJson();

  private OciLayoutStore(Path root) {
    this.root = root;
    this.blobs = root.resolve("blobs").resolve("sha256");
    this.temporaries = root.resolve(".dapp-tmp");
    this.index = root.resolve("index.json");
    this.lock = new StoreLock(root.resolve(".dapp-lock"));
  }

  /** Opens the layout at {@code root}, creating it when it does not exist. */
  public static OciLayoutStore open(Path root) throws OperationFailedException {
    Objects.requireNonNull(root, "'root' must not be null");
    OciLayoutStore store = new OciLayoutStore(root.toAbsolutePath().normalize());
    try {
      store.initialise();
    } catch (IOException e) {
      throw new OperationFailedException("cannot create the image store " + store.root + ": " + describe(e), e);
    }
    return store;
  }

  private void initialise() throws IOException {
    Files.createDirectories(blobs);
    Files.createDirectories(temporaries);
    lock.holding(() -> {
      Path layout = root.resolve("oci-layout");
      if (!Files.exists(layout)) {
        AtomicFiles.write(layout, temporaries, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      }
      if (!Files.exists(index)) {
        AtomicFiles.write(index, temporaries, IndexJson.empty(mapper).bytes());
      }
      return null;
    });
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return touch(blobPath(digest));
  }

  @Override
  public Descriptor putBlob(String mediaType, BlobWriter writer) throws OperationFailedException {
    return store(mediaType, Optional.empty(), writer);
  }

  @Override
  public Descriptor putBlob(String mediaType, Digest expected, InputStream content) throws OperationFailedException {
    return store(mediaType, Optional.of(expected), out -> content.transferTo(out));
  }

  @Override
  public Descriptor putBlob(String mediaType, Digest expected, BlobWriter writer) throws OperationFailedException {
    return store(mediaType, Optional.of(expected), writer);
  }

  private Descriptor store(String mediaType, Optional<Digest> expected, BlobWriter writer)
      throws OperationFailedException {
    expected.ifPresent(OciLayoutStore::requireSha256);
    Path temporary = null;
    try {
      temporary = AtomicFiles.temporary(temporaries);
      DigestingOutputStream[] hashed = new DigestingOutputStream[1];
      AtomicFiles.writeDurably(temporary, out -> {
        // The writer gets this stream itself: a download streaming in takes its digest instead of hashing
        // the bytes again, and this store checks that same digest below before the blob gets its name.
        hashed[0] = new DigestingOutputStream(out, "sha256");
        writer.writeTo(hashed[0]);
        hashed[0].flush();
      });
      Digest digest = hashed[0].digest();
      if (expected.isPresent() && !expected.get().equals(digest)) {
        throw new OperationFailedException("blob " + expected.get() + " not stored in " + root
            + ": its content has digest " + digest);
      }
      AtomicFiles.moveIntoPlace(temporary, blobPath(digest));
      return new Descriptor(mediaType, digest, hashed[0].size());
    } catch (IOException e) {
      throw new OperationFailedException("cannot write a blob to " + root + ": " + describe(e), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  @Override
  public InputStream openBlob(Digest digest) throws OperationFailedException {
    requireSha256(digest);
    try {
      return Files.newInputStream(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new OperationFailedException("blob " + digest + " is not in " + root);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read blob " + digest + " in " + root + ": " + describe(e), e);
    }
  }

  /** A small blob's bytes, checked against its digest: a corrupted manifest or config is never used. */
  private byte[] readVerified(Digest digest) throws OperationFailedException {
    byte[] content;
    try (InputStream in = openBlob(digest)) {
      content = in.readNBytes(MAX_JSON_BLOB + 1);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read blob " + digest + " in " + root + ": " + describe(e), e);
    }
    if (content.length > MAX_JSON_BLOB) {
      throw new OperationFailedException("blob " + digest + " in " + root + " is larger than a manifest or config can be");
    }
    Digest actual = Digests.sha256(content);
    if (!actual.equals(digest)) {
      throw new OperationFailedException("blob " + digest + " in " + root + " is corrupted (its content has digest "
          + actual + ")");
    }
    return content;
  }

  @Override
  public StoredImage putImage(ImageConfig config, List<Layer> layers) throws OperationFailedException {
    EncodedImage encoded = encodeImage(config, layers);
    putBlob(MediaType.OCI_CONFIG.value(), out -> out.write(encoded.configJson()));
    putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write(encoded.manifestJson()));
    return encoded.image();
  }

  @Override
  public EncodedImage encodeImage(ImageConfig config, List<Layer> layers) throws OperationFailedException {
    for (Layer layer : layers) {
      if (!hasBlob(layer.blob().digest()) && !hasBlobOnceNoCollectionRuns(layer.blob().digest())) {
        throw new OperationFailedException("layer " + layer.blob().digest() + " is not in " + root);
      }
    }
    byte[] configJson = json.config(config);
    Descriptor configBlob = new Descriptor(MediaType.OCI_CONFIG.value(), Digests.sha256(configJson),
        configJson.length);
    List<Descriptor> layerBlobs = layers.stream()
        .map(l -> new Descriptor(MediaType.ociLayerType(l.blob().mediaType()), l.blob().digest(), l.blob().size()))
        .toList();
    ImageManifest manifest = new ImageManifest(configBlob, layerBlobs);
    byte[] manifestJson = json.manifest(manifest);
    Descriptor manifestBlob = new Descriptor(MediaType.OCI_MANIFEST.value(), Digests.sha256(manifestJson),
        manifestJson.length);
    return new EncodedImage(new StoredImage(manifestBlob, manifest, config), configJson, manifestJson);
  }

  @Override
  public StoredImage readImage(Digest manifestDigest) throws OperationFailedException {
    byte[] manifestJson = readVerified(manifestDigest);
    ImageManifest manifest;
    String mediaType;
    try {
      mediaType = json.manifestMediaType(manifestJson);
      manifest = json.readManifest(manifestJson);
    } catch (IOException e) {
      throw new OperationFailedException("manifest " + manifestDigest + " in " + root + " cannot be used: "
          + reason(e));
    }
    // A manifest written by another tool may name blobs by another algorithm: none of them is here.
    for (Descriptor named : concat(manifest.config(), manifest.layers())) {
      if (!named.digest().algorithm().equals("sha256")) {
        throw new OperationFailedException("manifest " + manifestDigest + " in " + root + " cannot be used: it names "
            + named.digest() + ", and the store keeps sha256 blobs only");
      }
    }
    ImageConfig config;
    try {
      config = json.readConfig(readVerified(manifest.config().digest()));
    } catch (IOException e) {
      throw new OperationFailedException("config " + manifest.config().digest() + " in " + root
          + " cannot be used: " + reason(e));
    }
    for (Descriptor layer : manifest.layers()) {
      checkLayerBlob(layer);
    }
    try {
      return new StoredImage(new Descriptor(mediaType, manifestDigest, manifestJson.length), manifest, config);
    } catch (IllegalArgumentException e) {
      throw new OperationFailedException("image " + manifestDigest + " in " + root + " cannot be used: "
          + e.getMessage());
    }
  }

  private static List<Descriptor> concat(Descriptor first, List<Descriptor> rest) {
    List<Descriptor> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** Present with the size the manifest says: a cheap check that catches truncated and missing layers. */
  private void checkLayerBlob(Descriptor layer) throws OperationFailedException {
    Path path = blobPath(layer.digest());
    try {
      long size = Files.size(path);
      if (size != layer.size()) {
        throw new OperationFailedException("layer " + layer.digest() + " in " + root + " is corrupted (" + size
            + " bytes, the manifest says " + layer.size() + ")");
      }
    } catch (NoSuchFileException e) {
      throw new OperationFailedException("layer " + layer.digest() + " is not in " + root);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read layer " + layer.digest() + " in " + root + ": " + describe(e), e);
    }
  }

  @Override
  public void tag(String name, Descriptor manifest) throws OperationFailedException {
    if (!REF_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(UserText.quote(name) + " is not an OCI reference name");
    }
    try {
      lock.holding(() -> {
        IndexJson current = readIndex();
        current.put(name, json.descriptor(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size())));
        AtomicFiles.write(index, temporaries, current.bytes());
        return null;
      });
    } catch (IOException e) {
      throw new OperationFailedException("cannot update " + index + ": " + describe(e), e);
    }
  }

  @Override
  public Optional<Descriptor> resolve(String name) throws OperationFailedException {
    try {
      Optional<JsonNode> entry = readIndex().find(name);
      return entry.isEmpty() ? Optional.empty() : Optional.of(json.readDescriptor(entry.get()));
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + index + ": " + describe(e), e);
    }
  }

  @Override
  public List<String> names() throws OperationFailedException {
    try {
      return readIndex().names();
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + index + ": " + describe(e), e);
    }
  }

  /** Reading needs no lock: index.json is only ever replaced whole, by rename. */
  private IndexJson readIndex() throws IOException {
    return IndexJson.parse(mapper, Files.readAllBytes(index));
  }

  private Path blobPath(Digest digest) {
    requireSha256(digest);
    return blobs.resolve(digest.hex());
  }

  private static void requireSha256(Digest digest) {
    if (!digest.algorithm().equals("sha256")) {
      throw new IllegalArgumentException("the store keeps sha256 blobs only, not " + digest);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless: it is never read
      }
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + reason(e);
  }

  /**
   * What went wrong, in one line: Jackson's messages go on with the location and quote the text around it
   * (which can hold anything), so only their first part is kept.
   */
  private static String reason(Exception e) {
    String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
        ? json.getOriginalMessage() : e.getMessage();
    return UserText.escape(message == null ? e.getClass().getSimpleName() : message);
  }

  // Cleaning the store: attributed references, untagging and garbage collection (see BlobCollector).

  @Override
  public void tag(String name, Descriptor manifest, Map<String, String> annotations) throws OperationFailedException {
    if (!REF_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(UserText.quote(name) + " is not an OCI reference name");
    }
    if (annotations.containsKey(IndexJson.REF_NAME)) {
      throw new IllegalArgumentException("the reference name is not an annotation to set: it is " + UserText.quote(name));
    }
    try {
      lock.holding(() -> {
        IndexJson current = readIndex();
        current.put(name, json.descriptor(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size())),
            annotations);
        AtomicFiles.write(index, temporaries, current.bytes());
        return null;
      });
    } catch (IOException e) {
      throw new OperationFailedException("cannot update " + index + ": " + describe(e), e);
    }
  }

  @Override
  public List<StoreReference> references() throws OperationFailedException {
    try {
      List<StoreReference> references = new ArrayList<>();
      for (JsonNode entry : readIndex().entries()) {
        String name = IndexJson.nameOf(entry);
        if (name == null) {
          continue;
        }
        Descriptor manifest = json.readDescriptor(entry);
        Map<String, String> annotations = new LinkedHashMap<>(manifest.annotations());
        annotations.remove(IndexJson.REF_NAME);
        references.add(new StoreReference(name,
            new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size()), annotations));
      }
      references.sort(java.util.Comparator.comparing(StoreReference::name));
      return references;
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + index + ": " + describe(e), e);
    }
  }

  @Override
  public Optional<Descriptor> untag(String name) throws OperationFailedException {
    try {
      return lock.holding(() -> {
        IndexJson current = readIndex();
        Optional<JsonNode> removed = current.remove(name);
        if (removed.isEmpty()) {
          return Optional.<Descriptor>empty();
        }
        AtomicFiles.write(index, temporaries, current.bytes());
        Descriptor manifest = json.readDescriptor(removed.get());
        return Optional.of(new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size()));
      });
    } catch (IOException e) {
      throw new OperationFailedException("cannot update " + index + ": " + describe(e), e);
    }
  }

  @Override
  public CollectedGarbage collectGarbage(GarbageCollection request) throws OperationFailedException {
    try {
      return new BlobCollector(blobs, temporaries, index, lock, mapper).collect(request);
    } catch (BlobCollector.UnreadableManifestException e) {
      throw new OperationFailedException("cannot collect garbage in " + root + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new OperationFailedException("cannot collect garbage in " + root + ": " + describe(e), e);
    }
  }

  /**
   * Whether the blob is there once no garbage collection runs: one that read the blob's time before the caller
   * found it moves it aside while it reads the time again, and puts it back, all under the store's lock.
   */
  private boolean hasBlobOnceNoCollectionRuns(Digest digest) throws OperationFailedException {
    try {
      return lock.holding(() -> hasBlob(digest));
    } catch (IOException e) {
      throw new OperationFailedException("cannot lock " + root + ": " + describe(e), e);
    }
  }

  /**
   * Whether the blob is there, marking it as just written: a garbage collection then keeps it for its
   * grace period, so the caller can name it in an image. A store the user may not write is only read.
   */
  private static boolean touch(Path blob) {
    if (!Files.isRegularFile(blob)) {
      return false;
    }
    try {
      Files.setLastModifiedTime(blob, FileTime.from(java.time.Instant.now()));
    } catch (NoSuchFileException collected) {
      return false;
    } catch (IOException readOnly) {
      // not ours to write (a shared read-only store): nothing collects it either
      return true;
    }
    // The JVM sets the time through a descriptor it opened first: a collection may have moved the blob aside
    // between that open and the new time, and judged it old. A blob still in its place after the touch is
    // either the one touched (a collection reading its time now keeps it) or a copy just written.
    return Files.isRegularFile(blob);
  }
}
