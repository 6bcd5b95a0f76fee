package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A run's private directory (0700 from the moment it exists) in the temporary directory: the OCI bundle's
 * {@code config.json}, the runtime's state and log, the copies of the host's {@code /etc/resolv.conf} and
 * {@code /etc/hosts} that the process sees, and for a probe its empty root.
 */
final class RunDirectory {

  static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
  static final Path HOST_HOSTS = Path.of("/etc/hosts");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  static RunDirectory create(Path temporaryDirectory, String prefix) throws IOException {
    return new RunDirectory(Files.createTempDirectory(temporaryDirectory, prefix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
  }

  Path path() {
    return path;
  }

  Path resolvConf() {
    return path.resolve("resolv.conf");
  }

  Path hosts() {
    return path.resolve("hosts");
  }

  /**
   * Copies the host's resolv.conf and hosts (their content: the host's may be links), and names the
   * stage's host name in the hosts copy. The process may change the copies; the host's are never touched. A
   * host file that is missing is an empty copy.
   */
  void copyHostFiles(String hostname) throws IOException {
    Files.write(resolvConf(), readOrEmpty(HOST_RESOLV_CONF));
    byte[] hosts = readOrEmpty(HOST_HOSTS);
    String separator = hosts.length == 0 || hosts[hosts.length - 1] == '\n' ? "" : "\n";
    Files.write(hosts(), hosts);
    Files.writeString(hosts(), separator + "127.0.0.1\t" + hostname + "\n", StandardOpenOption.APPEND);
    // Readable inside the container by any user, as the host's are.
    Files.setPosixFilePermissions(resolvConf(), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(hosts(), PosixFilePermissions.fromString("rw-r--r--"));
  }

  private static byte[] readOrEmpty(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  /**
   * Removes the directory and all in it, never following a link and never entering another file system (a
   * mount that should never be seen here is left alone, not emptied); never throws.
   */
  boolean delete() {
    return FileTrees.delete(path);
  }

}
