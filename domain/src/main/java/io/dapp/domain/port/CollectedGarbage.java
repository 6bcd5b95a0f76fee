package io.dapp.domain.port;

/**
 * What a garbage collection of the local store removed (or, in a dry run, would remove), and the
 * unreferenced blobs it kept because they were written too recently.
 */
public record CollectedGarbage(int blobs, long blobBytes, int temporaryFiles, long temporaryBytes,
    int recentBlobsKept, long recentBytesKept) {

  public static final CollectedGarbage NOTHING = new CollectedGarbage(0, 0, 0, 0, 0, 0);

  public CollectedGarbage {
    if (blobs < 0 || blobBytes < 0 || temporaryFiles < 0 || temporaryBytes < 0 || recentBlobsKept < 0
        || recentBytesKept < 0) {
      throw new IllegalArgumentException("counts and sizes are never negative");
    }
  }

  /** Bytes freed: blobs and temporary files. */
  public long bytesFreed() {
    return blobBytes + temporaryBytes;
  }
}
