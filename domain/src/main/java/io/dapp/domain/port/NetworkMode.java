package io.dapp.domain.port;

/** The network a stage's process has: the host's (CI builds fetch packages), or none at all. */
public enum NetworkMode {
  HOST("host"),
  NONE("none");

  private final String label;

  NetworkMode(String label) {
    this.label = label;
  }

  /** As {@code --network} names it. */
  public String label() {
    return label;
  }
}
