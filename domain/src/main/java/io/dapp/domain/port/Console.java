package io.dapp.domain.port;

import java.util.List;

/** Where use cases report to the user. Implementations never receive secrets: callers pass none. */
public interface Console {

  /** Shows nothing: for work whose lines nobody reads (an embedding that gave no console, a probe). */
  Console SILENT = new Console() {
    @Override
    public void info(String line) {}

    @Override
    public void warn(String line) {}

    @Override
    public void debug(String line) {}

    @Override
    public TransferProgress transfers() {
      return TransferProgress.NONE;
    }
  };

  void info(String line);

  void warn(String line);

  /** Shown only with {@code --debug}. */
  void debug(String line);

  /**
   * Whether {@link #debug} lines are shown: explanations that cost work (listing the TLS files of each
   * registry) are made only then.
   */
  default boolean debugging() {
    return false;
  }

  /**
   * Where blob transfers show their progress; by default a line on {@link #info} per finished blob (see
   * {@link PlainTransferProgress}). Ask once per command: lines are ordered within one instance.
   */
  default TransferProgress transfers() {
    return new PlainTransferProgress(this);
  }

  /**
   * A line that a stage's command printed, as it printed it, shown as it comes ({@code source} says which
   * dimg and stage: {@code backend/install}) unless the console is quiet.
   */
  default void output(String source, String line) {
    info(source + " | " + line);
  }

  /** Whether {@link #output} lines are shown; a quiet console shows a failed command's last lines instead. */
  default boolean showsOutput() {
    return true;
  }

  /** The last lines a failed command printed, shown however quiet the console is. */
  default void failedOutput(String source, List<String> lines) {
    lines.forEach(line -> warn(source + " | " + line));
  }
}
