package io.dapp.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real forward proxy, Debian's squid, on 127.0.0.1 for one test class: it requires a user and password
 * (basic auth through squid's {@code basic_ncsa_auth}), resolves names from the test's hosts file
 * ({@code hosts_file}, so {@code registry.dapp.test} is 127.0.0.1 for it and no file under {@code /etc} changes),
 * caches nothing, and writes its access log where the test reads it: one line per request, {@code CONNECT
 * HOST:PORT} for a tunnel, with the user who authenticated.
 */
final class Squid implements AutoCloseable {

  private final Path directory;
  private final int port;
  private final Process process;

  private Squid(Path directory, int port, Process process) {
    this.directory = directory;
    this.port = port;
    this.process = process;
  }

  /** Starts squid in {@code directory}, resolving names from {@code hostsFile}, admitting {@code user} only. */
  static Squid start(Path directory, Path hostsFile, String user, String password) throws Exception {
    // Run as root, squid works as the 'proxy' user: everything it reads or writes must be open to it.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path passwords = directory.resolve("passwd");
    Files.writeString(passwords, user + ":" + apr1(password) + "\n");
    Path hosts = directory.resolve("hosts");
    Files.copy(hostsFile, hosts);
    int port = freePort();
    Path config = directory.resolve("squid.conf");
    Files.writeString(config, String.join("\n",
        "http_port 127.0.0.1:" + port,
        "pid_filename " + directory.resolve("squid.pid"),
        "cache_effective_user proxy",
        "cache deny all",
        "cache_mem 8 MB",
        "access_log stdio:" + directory.resolve("access.log"),
        "cache_log " + directory.resolve("cache.log"),
        "coredump_dir " + directory,
        "hosts_file " + hosts,
        // No DNS server at all: every name comes from the hosts file.
        "dns_nameservers 127.0.0.1",
        "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + passwords,
        "auth_param basic realm dapp-test-proxy",
        "acl authenticated proxy_auth REQUIRED",
        "http_access allow authenticated",
        "http_access deny all",
        "shutdown_lifetime 0 seconds",
        ""));
    for (Path file : new Path[] {passwords, hosts, config}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    // Debian installs it in /usr/sbin, which a user's PATH may lack.
    String program = Files.isExecutable(Path.of("/usr/sbin/squid")) ? "/usr/sbin/squid" : "squid";
    Process process = new ProcessBuilder(program, "-N", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(directory.resolve("squid.out").toFile()).start();
    Squid squid = new Squid(directory, port, process);
    squid.awaitListening();
    return squid;
  }

  int port() {
    return port;
  }

  /** The access log so far. */
  String accessLog() throws IOException {
    Path log = directory.resolve("access.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private void awaitListening() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("squid exited: " + Files.readString(directory.resolve("squid.out"))
            + Files.readString(directory.resolve("cache.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("squid did not listen on 127.0.0.1:" + port);
  }

  /** An htpasswd line's hash as basic_ncsa_auth reads it (Apache's MD5), made by openssl. */
  private static String apr1(String password) throws Exception {
    Process openssl = new ProcessBuilder("openssl", "passwd", "-apr1", "-stdin").start();
    openssl.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
    openssl.getOutputStream().close();
    String hash = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IllegalStateException("openssl passwd failed");
    }
    return hash;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
