package io.dapp.domain.port;

/** Where use cases report to the user. Implementations never receive secrets: callers pass none. */
public interface Console {

  void info(String line);

  void warn(String line);

  /** Shown only with {@code --debug}. */
  void debug(String line);
}
