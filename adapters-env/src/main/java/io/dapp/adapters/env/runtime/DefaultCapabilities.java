package io.dapp.adapters.env.runtime;

import java.util.List;
import java.util.Locale;

/**
 * The capabilities a stage's root process keeps, whatever the isolation: the default set of buildah and
 * podman (containers.conf), which is docker's without MKNOD, NET_RAW and AUDIT_WRITE. Enough to install
 * packages (chown, setuid/setgid to a service user, chroot); no SYS_ADMIN, so no mounting and no remounting
 * {@code /sys} or {@code /proc/sys} writable. A process that runs as another user keeps none.
 */
final class DefaultCapabilities {

  static final List<String> NAMES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID",
      "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID",
      "CAP_SYS_CHROOT");

  private DefaultCapabilities() {}

  /** As setpriv's {@code --bounding-set} takes them: {@code -all,+chown,...}. */
  static String setprivBoundingSet() {
    StringBuilder set = new StringBuilder("-all");
    for (String name : NAMES) {
      set.append(",+").append(name.substring("CAP_".length()).toLowerCase(Locale.ROOT));
    }
    return set.toString();
  }
}
