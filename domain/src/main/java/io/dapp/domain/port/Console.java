package io.dapp.domain.port;

/** Where use cases report to the user. Implementations never receive secrets: callers pass none. */
public interface Console {

  void info(String line);

  void warn(String line);

  /** Shown only with {@code --debug}. */
  void debug(String line);

  /**
   * Where blob transfers show their progress; by default a line on {@link #info} per finished blob (see
   * {@link PlainTransferProgress}). Ask once per command: lines are ordered within one instance.
   */
  default TransferProgress transfers() {
    return new PlainTransferProgress(this);
  }
}
