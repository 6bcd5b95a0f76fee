package io.dapp.domain.port;

/** How a stage's process is kept apart from the machine that builds. */
public enum Isolation {

  /** An OCI runtime (runc, crun) runs a bundle dapp writes: namespaces, its own /proc, /dev and /sys. */
  OCI("oci"),

  /**
   * chroot into the root filesystem, in new mount, PID, IPC and UTS namespaces made by util-linux unshare:
   * for CI runners that are themselves (privileged) containers, where an OCI runtime cannot run. Where the
   * kernel refuses those namespaces it is unavailable: mounts made on the host itself would outlive a killed
   * dapp.
   */
  CHROOT("chroot");

  private final String label;

  Isolation(String label) {
    this.label = label;
  }

  /** As {@code --isolation} names it. */
  public String label() {
    return label;
  }
}
