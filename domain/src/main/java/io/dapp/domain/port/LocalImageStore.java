package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.EncodedImage;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local image store: content-addressed blobs plus named references to image manifests (an OCI image
 * layout on disk). Every write is atomic and every blob is stored only under the digest of its bytes, so
 * concurrent dapp runs may share a store.
 */
public interface LocalImageStore {

  /** Writes a blob's bytes to a stream; called once. */
  @FunctionalInterface
  interface BlobWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Where the store is, for messages. */
  String location();

  boolean hasBlob(Digest digest) throws OperationFailedException;

  /**
   * Stores what {@code writer} writes, under the digest of those bytes, and returns that digest and size.
   * The blob appears only once it is complete.
   */
  Descriptor putBlob(String mediaType, BlobWriter writer) throws OperationFailedException;

  /**
   * Stores {@code content}, which must have the digest {@code expected}; nothing is stored when it has not.
   *
   * @throws OperationFailedException when the bytes do not match {@code expected}
   */
  Descriptor putBlob(String mediaType, Digest expected, InputStream content) throws OperationFailedException;

  /**
   * Stores what {@code writer} writes (a download streaming into the store), which must have the digest
   * {@code expected}; nothing is stored when it has not, or when the writer fails.
   *
   * @throws OperationFailedException when the bytes do not match {@code expected}, or the writer failed
   */
  Descriptor putBlob(String mediaType, Digest expected, BlobWriter writer) throws OperationFailedException;

  /**
   * Opens a stored blob. Small blobs (manifests, configs) are verified whole when read through
   * {@link #readImage}; a layer's stream is not verified here.
   *
   * @throws OperationFailedException when there is no such blob
   */
  InputStream openBlob(Digest digest) throws OperationFailedException;

  /**
   * Writes an OCI image: its config and a manifest naming the config and {@code layers}, whose blobs must
   * be in the store already. The JSON is written the same way every time: the same config and layers
   * always give the same manifest digest.
   */
  StoredImage putImage(ImageConfig config, List<Layer> layers) throws OperationFailedException;

  /**
   * The image {@link #putImage} would write for the same config and layers — the same bytes, so the same
   * digests — without writing its config or manifest: for an image that is pushed and not kept, which in
   * the store would leave two blobs no name points at. The layers' blobs must be in the store.
   */
  EncodedImage encodeImage(ImageConfig config, List<Layer> layers) throws OperationFailedException;

  /**
   * Reads the image whose manifest has this digest, verifying the manifest and config bytes against their
   * digests and checking that every layer blob is present with its size.
   *
   * @throws OperationFailedException when a blob is missing or corrupted, or the manifest is not an image
   *     manifest
   */
  StoredImage readImage(Digest manifest) throws OperationFailedException;

  /** Points {@code name} at a manifest, replacing what it pointed at. */
  void tag(String name, Descriptor manifest) throws OperationFailedException;

  /** The manifest {@code name} points at; empty when there is no such reference. */
  Optional<Descriptor> resolve(String name) throws OperationFailedException;

  /** Every reference name, sorted. */
  List<String> names() throws OperationFailedException;

  // Cleaning the store (dapp dimg ... local): attribution of references, their removal, and garbage
  // collection. A blob that hasBlob finds, or putBlob writes, counts as just written for a collection's
  // grace period, so a build or pull that reuses a blob it found is not robbed of it before it names it.

  /**
   * Points {@code name} at a manifest, as {@link #tag(String, Descriptor)} does, and records
   * {@code annotations} on the reference (not in the image: its digest stays the same), replacing any the
   * reference had. Which project made a reference is recorded so.
   */
  void tag(String name, Descriptor manifest, Map<String, String> annotations) throws OperationFailedException;

  /** Every reference with its manifest and annotations, sorted by name. */
  List<StoreReference> references() throws OperationFailedException;

  /**
   * Removes the reference {@code name}; the blobs it reached stay until {@link #collectGarbage}.
   *
   * @return the manifest it pointed at; empty when there was no such reference
   */
  Optional<Descriptor> untag(String name) throws OperationFailedException;

  /**
   * Removes the blobs no reference reaches (a reference reaches its manifest; a manifest its config and
   * layers; an index the manifests it lists) and leftover temporary files, when they were written before
   * {@link GarbageCollection#writtenBefore()}. No reference changes meanwhile: concurrent tagging waits.
   *
   * @throws OperationFailedException when a reachable manifest cannot be read, with nothing removed
   */
  CollectedGarbage collectGarbage(GarbageCollection request) throws OperationFailedException;
}
