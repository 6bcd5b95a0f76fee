package io.dapp.adapters.env.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.NetworkMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bundle's {@code config.json}, OCI runtime spec 1.0.2: what a runtime needs to run a stage's process in
 * its root filesystem, and nothing more. Devices, masked and read-only paths follow runc's own defaults
 * ({@code runc spec}); the cgroup part only denies devices the container does not list, so that it works on
 * any cgroup layout a runtime supports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OciConfig(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
    Linux linux) {

  static final String VERSION = "1.0.2";
  static final String HOSTNAME = "dapp";

  static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
      "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
      "/sys/firmware", "/sys/devices/virtual/powercap");
  static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
      "/proc/sysrq-trigger");

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
      Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges) {
  }

  record User(int uid, int gid) {
  }

  record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
      List<String> permitted, List<String> ambient) {
  }

  record Rlimit(String type, long hard, long soft) {
  }

  record Root(String path, boolean readonly) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Mount(String destination, String type, String source, List<String> options) {
  }

  record Linux(Resources resources, List<Namespace> namespaces, List<Device> devices, List<String> maskedPaths,
      List<String> readonlyPaths) {
  }

  record Resources(List<DeviceRule> devices) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
  }

  record Namespace(String type) {
  }

  record Device(String path, String type, long major, long minor, int fileMode, int uid, int gid) {
  }

  /** The usual character devices: the runtime creates them in the container's /dev and allows only them. */
  static final List<Device> DEVICES = List.of(
      characterDevice("/dev/null", 1, 3), characterDevice("/dev/zero", 1, 5), characterDevice("/dev/full", 1, 7),
      characterDevice("/dev/random", 1, 8), characterDevice("/dev/urandom", 1, 9),
      characterDevice("/dev/tty", 5, 0));

  /**
   * The configuration that runs {@code process} in {@code root}, with the copies of the host's files from
   * {@code directory} mounted where {@code mountPoints} allows.
   */
  static OciConfig of(Path root, ContainerProcess process, NetworkMode network, RunDirectory directory,
      RootMountPoints.Plan mountPoints, OpenFileLimit openFiles) {
    boolean privileged = process.uid() == 0;
    List<String> granted = privileged ? DefaultCapabilities.NAMES : List.of();
    Process ociProcess = new Process(false, new User(process.uid(), process.gid()), process.argv(),
        process.environment(), process.workingDirectory(),
        new Capabilities(DefaultCapabilities.NAMES, granted, List.of(), granted, List.of()),
        List.of(new Rlimit("RLIMIT_NOFILE", openFiles.hard(), openFiles.soft())), true);
    return new OciConfig(VERSION, ociProcess, new Root(root.toString(), false), HOSTNAME,
        mounts(directory, mountPoints), linux(network));
  }

  private static List<Mount> mounts(RunDirectory directory, RootMountPoints.Plan mountPoints) {
    List<Mount> mounts = new ArrayList<>(List.of(
        new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
        new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        new Mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
        new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"))));
    List<String> bindOptions = List.of("bind", "nosuid", "nodev", "noexec");
    if (mountPoints.resolvConf()) {
      mounts.add(new Mount("/" + RootMountPoints.RESOLV_CONF, "bind", directory.resolvConf().toString(),
          bindOptions));
    }
    if (mountPoints.hosts()) {
      mounts.add(new Mount("/" + RootMountPoints.HOSTS, "bind", directory.hosts().toString(), bindOptions));
    }
    for (RootMountPoints.Bind bind : mountPoints.binds()) {
      mounts.add(new Mount(bind.destination(), "bind", bind.source().toString(), List.of("rbind", "rw")));
    }
    return mounts;
  }

  private static Linux linux(NetworkMode network) {
    List<Namespace> namespaces = new ArrayList<>(List.of(new Namespace("pid"), new Namespace("ipc"),
        new Namespace("uts"), new Namespace("mount")));
    if (network == NetworkMode.NONE) {
      namespaces.add(new Namespace("network"));
    }
    List<DeviceRule> rules = new ArrayList<>();
    rules.add(new DeviceRule(false, null, null, null, "rwm"));
    for (Device device : DEVICES) {
      rules.add(new DeviceRule(true, device.type(), device.major(), device.minor(), "rwm"));
    }
    // The pseudo-terminals of the container's own devpts (/dev/ptmx, /dev/pts/N).
    rules.add(new DeviceRule(true, "c", 5L, 2L, "rwm"));
    rules.add(new DeviceRule(true, "c", 136L, null, "rwm"));
    return new Linux(new Resources(rules), namespaces, DEVICES, MASKED_PATHS, READONLY_PATHS);
  }

  private static Device characterDevice(String path, long major, long minor) {
    return new Device(path, "c", major, minor, 0666, 0, 0);
  }

  byte[] toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      // Records of strings and numbers always serialise; this would be a Jackson bug.
      throw new IllegalStateException("could not serialise an OCI runtime configuration", e);
    }
  }
}
