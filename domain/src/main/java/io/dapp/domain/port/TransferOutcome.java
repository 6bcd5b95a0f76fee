package io.dapp.domain.port;

/** How a blob transfer ended, as a user reads it. */
public enum TransferOutcome {
  /** Its bytes were uploaded. */
  PUSHED("pushed"),
  /** The registry linked it from another repository: nothing was sent. */
  MOUNTED("mounted"),
  /** The target had it: nothing was sent. */
  ALREADY_PRESENT("already present"),
  /** Its bytes were downloaded into the local store. */
  PULLED("pulled");

  private final String label;

  TransferOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
