package io.dapp.adapters.registry;

/**
 * How blobs are uploaded. Every way opens a session with {@code POST} and completes it with
 * {@code PUT ?digest=}; they differ in how the bytes travel.
 *
 * @param mode how the bytes are sent
 * @param defaultChunkSize the chunk size when the registry names no {@code OCI-Chunk-Min-Length}
 */
record BlobUploads(Mode mode, long defaultChunkSize) {

  enum Mode {
    /**
     * The whole blob as the body of the {@code PUT} that completes the session: {@code POST} and
     * {@code PUT}, one request fewer per blob than {@link #STREAMED}. A registry that will not take the
     * whole blob in one request (see {@link BlobUploadPutEndpoint#refusesWhole}) gets it {@link #STREAMED}
     * from a new session, and in chunks when it refuses that too.
     */
    MONOLITHIC,
    /**
     * One streaming {@code PATCH} with the whole blob, then an empty {@code PUT}: what docker does, and
     * what the distribution spec calls a streamed upload. When the registry refuses a single request for
     * the whole blob (413, 416), the upload goes on in chunks from a new session.
     */
    STREAMED,
    /** {@code PATCH} requests with {@code Content-Range}, one chunk each, then an empty {@code PUT}. */
    CHUNKED
  }

  /** 8 MiB: few requests for large layers, little lost when one must be sent again. */
  static final long DEFAULT_CHUNK_SIZE = 8L * 1024 * 1024;

  /** A registry's minimum is honoured, but requests are never made smaller than this. */
  static final long SMALLEST_CHUNK = 256 * 1024;

  static final BlobUploads DEFAULT = new BlobUploads(Mode.MONOLITHIC, DEFAULT_CHUNK_SIZE);

  BlobUploads {
    java.util.Objects.requireNonNull(mode, "'mode' must not be null");
    if (defaultChunkSize < 1) {
      throw new IllegalArgumentException("'defaultChunkSize' must be positive");
    }
  }

  /** The registry's minimum when it names one (at least {@link #SMALLEST_CHUNK}), else the default. */
  long chunkSize(java.util.OptionalLong registryMinimum) {
    return registryMinimum.isPresent() ? Math.max(registryMinimum.getAsLong(), SMALLEST_CHUNK) : defaultChunkSize;
  }
}
