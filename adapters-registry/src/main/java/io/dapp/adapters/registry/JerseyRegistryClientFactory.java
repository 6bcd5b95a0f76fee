package io.dapp.adapters.registry;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryAuth;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.HostAndPort;
import io.dapp.domain.network.TlsFiles;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.LoginRejectedException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryUnauthorizedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The registry adapter's entry point: opens {@link RegistryClient}s over Jersey's HTTP client, and
 * verifies logins. Its API has JDK and domain types only. Its clients share one {@link PingCache}: use one
 * factory per process.
 */
public final class JerseyRegistryClientFactory implements RegistryClientFactory {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** Time allowed between two reads; a slow registry finishing a large upload may think for a while. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final RetryTools retryTools;
  private final BlobUploads uploads;
  private final PingCache pings = new PingCache();
  private final TlsContexts tlsContexts;

  public JerseyRegistryClientFactory() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
  }

  public JerseyRegistryClientFactory(Duration connectTimeout, Duration readTimeout) {
    // Jitter is drawn by parallel transfers at once: ThreadLocalRandom is safe for that, the default generator is not.
    this(connectTimeout, readTimeout, new RetryTools(Clock.systemUTC(), Sleeper.REAL, ThreadLocalRandom.current()));
  }

  JerseyRegistryClientFactory(Duration connectTimeout, Duration readTimeout, RetryTools retryTools) {
    this(connectTimeout, readTimeout, retryTools, BlobUploads.DEFAULT);
  }

  JerseyRegistryClientFactory(Duration connectTimeout, Duration readTimeout, RetryTools retryTools,
      BlobUploads uploads) {
    this.uploads = Objects.requireNonNull(uploads, "'uploads' must not be null");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
    this.readTimeout = Objects.requireNonNull(readTimeout, "'readTimeout' must not be null");
    this.retryTools = Objects.requireNonNull(retryTools, "'retryTools' must not be null");
    this.tlsContexts = new TlsContexts(retryTools.clock());
  }

  @Override
  public RegistryClient open(DockerConfig dockerConfig, RegistryOptions options) {
    Objects.requireNonNull(dockerConfig, "'dockerConfig' must not be null");
    Objects.requireNonNull(options, "'options' must not be null");
    return new JerseyRegistryClient(dockerConfig, options,
        new JerseyTransport(connectTimeout, readTimeout, new PlainHttpPolicy(options), options.transferJobs(),
            options.network(), tlsContexts),
        retryTools, uploads, pings);
  }

  @Override
  public void verifyLogin(RegistryHost host, Credentials credentials, RegistryOptions options)
      throws RegistryException, InvalidInputException {
    Objects.requireNonNull(credentials, "'credentials' must not be null");
    try (RegistryClient client = open(new SingleLogin(host, credentials), options)) {
      client.ping(host);
    } catch (RegistryUnauthorizedException e) {
      throw new LoginRejectedException(host, credentials.username(), e.registryMessage());
    }
  }

  /** Lists the certs.d directories of the registry's host, as its first TLS connection would; reads no file. */
  @Override
  public TlsFiles tlsFiles(RegistryHost host, RegistryOptions options) {
    TlsSettings settings = options.network().tls();
    HostAndPort address = HostAndPort.of(host.apiAuthority());
    List<java.nio.file.Path> directories = settings.directoriesFor(address.host(), address.portOr(443));
    List<java.nio.file.Path> roots = new ArrayList<>();
    settings.sslCertFile().ifPresent(roots::add);
    roots.addAll(settings.sslCertDirectories());
    try {
      CertificateDirectories.Listing listing = CertificateDirectories.list(directories);
      return new TlsFiles(directories, listing.authorities(),
          listing.clients().stream().map(CertificateDirectories.ClientFiles::certificate).toList(), roots);
    } catch (TlsFileException unusable) {
      // Said when a connection needs the files; a listing for --debug goes without them.
      return new TlsFiles(directories, List.of(), List.of(), roots);
    }
  }

  /** A docker config in memory holding one login: what a login verification authenticates with. */
  private record SingleLogin(RegistryHost host, Credentials credentials) implements DockerConfig {

    @Override
    public Path directory() {
      return Path.of("(login verification)");
    }

    @Override
    public Optional<RegistryAuth> authFor(RegistryHost requested) {
      return requested.equals(host) ? Optional.of(new RegistryAuth.Basic(credentials)) : Optional.empty();
    }

    @Override
    public String toString() {
      return "SingleLogin[" + host + ", " + credentials.username() + "]";
    }
  }
}
