package io.dapp.domain.port;

/**
 * Where the transfers of blobs show how far they are: a bar per blob on a terminal, a line per finished
 * blob in a log. {@link #begin} is called by the thread that schedules the transfers, in the order the
 * blobs have in their image; a {@link Transfer}'s methods are called by the thread that moves its bytes,
 * which may be another one for each transfer.
 */
public interface TransferProgress {

  /** Shows nothing. */
  TransferProgress NONE = (image, blob, totalBytes) -> Transfer.IGNORED;

  /**
   * A transfer about to start (or to wait for a free slot).
   *
   * @param image the image the blob belongs to, as the user names it: {@code registry.example.com/web/app:1}
   * @param blob which blob of it moves: {@code layer sha256:0123456789ab}
   * @param totalBytes the blob's size
   */
  Transfer begin(String image, String blob, long totalBytes);

  /** One blob's transfer. The first call of {@link #finished} or {@link #failed} ends it; later ones are ignored. */
  interface Transfer {

    /** Ignores everything. */
    Transfer IGNORED = new Transfer() {
      @Override
      public void progressed(long bytesSoFar) {}

      @Override
      public void finished(TransferOutcome outcome) {}

      @Override
      public void failed() {}
    };

    /**
     * The bytes moved so far; called often, so it must be cheap. It may go back to fewer bytes when a
     * transfer that broke off starts again.
     */
    void progressed(long bytesSoFar);

    void finished(TransferOutcome outcome);

    /** The transfer failed or was cancelled; the failure itself is reported by whoever catches it. */
    void failed();
  }
}
