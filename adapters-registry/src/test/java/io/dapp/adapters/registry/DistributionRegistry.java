package io.dapp.adapters.registry;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Distribution registry ({@code docker-registry serve}, Debian package docker-registry) on
 * 127.0.0.1, a free port and temporary storage with delete enabled; started before a test class and
 * stopped after it; shared with the application tests through this module's test jar. Three set-ups: anonymous, htpasswd (bcrypt) and token auth against {@link TokenService}.
 * Any of them serves TLS with {@link #withTls} (a certificate from a {@link TestPki}), and then may require
 * client certificates its CA issued ({@code http.tls.clientcas}).
 */
public final class DistributionRegistry implements BeforeAllCallback, AfterAllCallback {

  private enum Auth { NONE, HTPASSWD, TOKEN }

  private final Auth auth;
  private final Map<String, String> users;
  private final TokenService tokenService;
  private final boolean deleteEnabled;
  private final AtomicInteger repositories = new AtomicInteger();
  private boolean accessLog;
  private TestPki.Issued tlsServer;
  private TestPki clientCa;
  private String name = "127.0.0.1";
  private Path directory;
  private Process process;
  private int port;

  private DistributionRegistry(Auth auth, Map<String, String> users, TokenService tokenService, boolean deleteEnabled) {
    this.auth = auth;
    this.users = users;
    this.tokenService = tokenService;
    this.deleteEnabled = deleteEnabled;
  }

  public static DistributionRegistry anonymous() {
    return new DistributionRegistry(Auth.NONE, Map.of(), null, true);
  }

  public static DistributionRegistry anonymousWithoutDeletes() {
    return new DistributionRegistry(Auth.NONE, Map.of(), null, false);
  }

  public static DistributionRegistry htpasswd(Map<String, String> users) {
    return new DistributionRegistry(Auth.HTPASSWD, new LinkedHashMap<>(users), null, true);
  }

  public static DistributionRegistry token(TokenService tokenService) {
    return new DistributionRegistry(Auth.TOKEN, Map.of(), tokenService, true);
  }

  /** Logs every request (method, path, status) to {@link #log()}, for tests that check how something was sent. */
  public DistributionRegistry withAccessLog() {
    accessLog = true;
    return this;
  }

  /** Serves TLS with this certificate (issued for the name clients use: 127.0.0.1, or {@link #named}). */
  public DistributionRegistry withTls(TestPki.Issued certificate) {
    tlsServer = certificate;
    return this;
  }

  /** Requires a client certificate that {@code pki}'s CA issued ({@code http.tls.clientcas}). */
  public DistributionRegistry requiringClientCertificates(TestPki pki) {
    clientCa = pki;
    return this;
  }

  /** Clients reach it by this name (which the test maps to 127.0.0.1 for them), not as 127.0.0.1. */
  public DistributionRegistry named(String hostName) {
    name = hostName;
    return this;
  }

  public int port() {
    return port;
  }

  /** What the registry logged so far. */
  public String log() throws IOException {
    return Files.readString(directory.resolve("registry.log"));
  }

  public RegistryHost host() {
    return new RegistryHost(name + ":" + port);
  }

  public Repository newRepository() {
    return new Repository(host(), "group/project" + repositories.incrementAndGet());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    directory = Files.createTempDirectory("dapp-registry-");
    if (tokenService != null) {
      tokenService.start();
    }
    // A free port is free when asked for: another process (a parallel suite's registry, any client) may take
    // it before docker-registry binds it. Then this registry exits, or another answers in its place.
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      Files.writeString(directory.resolve("config.yml"), config());
      try {
        start();
        return;
      } catch (PortTakenException taken) {
        stop();
        if (attempt == 5) {
          throw taken;
        }
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    if (tokenService != null) {
      tokenService.stop();
    }
    deleteRecursively(directory);
  }

  /**
   * Stops the registry (SIGTERM, as an operator's restart does) and starts it again on the same port, storage
   * and HTTP secret, so that what it stored and the upload sessions it handed out survive.
   */
  public void restart() throws Exception {
    stop();
    start();
  }

  /** Stops the registry process; {@link #start()} brings it back on the same port and storage. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  public void start() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("docker-registry", "serve", directory.resolve("config.yml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("registry.log").toFile()));
    builder.environment().put("OTEL_TRACES_EXPORTER", "none");
    process = builder.start();
    awaitReady();
  }

  private String config() throws Exception {
    StringBuilder yaml = new StringBuilder()
        .append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: ").append(!accessLog).append('\n')
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(directory.resolve("storage")).append('\n')
        .append("  delete:\n    enabled: ").append(deleteEnabled).append('\n')
        .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: ").append(UUID.randomUUID()).append('\n');
    if (tlsServer != null) {
      TestPki.write(directory.resolve("tls/server.crt"), tlsServer.certificatePem());
      TestPki.write(directory.resolve("tls/server.key"), tlsServer.keyPem(TestPki.KeyForm.PKCS8));
      yaml.append("  tls:\n    certificate: ").append(directory.resolve("tls/server.crt")).append('\n')
          .append("    key: ").append(directory.resolve("tls/server.key")).append('\n');
      if (clientCa != null) {
        TestPki.write(directory.resolve("tls/client-ca.crt"), clientCa.ca().certificatePem());
        yaml.append("    clientcas:\n      - ").append(directory.resolve("tls/client-ca.crt")).append('\n');
      }
    }
    if (auth == Auth.HTPASSWD) {
      Path htpasswd = directory.resolve("htpasswd");
      StringBuilder lines = new StringBuilder();
      users.forEach((user, password) -> lines.append(user).append(':')
          .append(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, password.toCharArray())).append('\n'));
      Files.writeString(htpasswd, lines);
      yaml.append("auth:\n  htpasswd:\n    realm: dapp-test\n    path: ").append(htpasswd).append('\n');
    } else if (auth == Auth.TOKEN) {
      Path bundle = directory.resolve("token-ca.pem");
      Files.writeString(bundle, tokenService.certificatePem());
      yaml.append("auth:\n  token:\n    realm: ").append(tokenService.realm()).append('\n')
          .append("    service: ").append(TokenService.SERVICE).append('\n')
          .append("    issuer: ").append(TokenService.ISSUER).append('\n')
          .append("    rootcertbundle: ").append(bundle).append('\n');
    }
    return yaml.toString();
  }

  private void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    if (tlsServer != null) {
      // A TLS registry (perhaps wanting a client certificate) is ready once it listens.
      while (Instant.now().isBefore(deadline)) {
        requireAlive();
        try (java.net.Socket socket = new java.net.Socket()) {
          socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
          requireListeningItself();
          return;
        } catch (PortTakenException taken) {
          throw taken;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      throw new IllegalStateException("docker-registry did not listen on 127.0.0.1:" + port);
    }
    URI ping = URI.create("http://127.0.0.1:" + port + "/v2/");
    while (Instant.now().isBefore(deadline)) {
      requireAlive();
      try {
        HttpURLConnection connection = (HttpURLConnection) ping.toURL().openConnection();
        connection.setConnectTimeout(500);
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status == 200 || status == 401) {
          requireListeningItself();
          return;
        }
      } catch (PortTakenException taken) {
        throw taken;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("docker-registry did not answer on " + ping);
  }

  private void requireAlive() throws IOException {
    if (!process.isAlive()) {
      String log = Files.readString(directory.resolve("registry.log"));
      if (log.contains("address already in use")) {
        throw new PortTakenException(port, log);
      }
      throw new IllegalStateException("docker-registry exited: " + log);
    }
  }

  /** The process that answered is this registry, not another one that took the port before it could. */
  private void requireListeningItself() throws IOException {
    String localAddress = String.format("0100007F:%04X", port);
    Set<String> listening = new HashSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 9 && fields[1].equals(localAddress) && fields[3].equals("0A")) {
        listening.add("socket:[" + fields[9] + "]");
      }
    }
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      for (Path descriptor : descriptors) {
        try {
          if (listening.contains(Files.readSymbolicLink(descriptor).toString())) {
            return;
          }
        } catch (IOException closedMeanwhile) {
          // not the listening socket
        }
      }
    }
    throw new PortTakenException(port, "another process listens on 127.0.0.1:" + port);
  }

  /** The port was taken by another process between {@link #freePort()} and the registry's bind. */
  static final class PortTakenException extends IOException {
    PortTakenException(int port, String detail) {
      super("127.0.0.1:" + port + " was taken before docker-registry could listen on it: "
          + detail.lines().reduce((first, last) -> last).orElse(""));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void deleteRecursively(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
