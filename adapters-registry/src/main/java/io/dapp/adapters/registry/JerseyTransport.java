package io.dapp.adapters.registry;

import io.dapp.domain.cleanup.ImageInventory;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.NetworkSettings;
import io.dapp.domain.network.ProxyAddress;
import io.dapp.domain.network.ProxySettings;
import io.dapp.domain.registry.TransferJobs;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.util.Timeout;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;

/**
 * Sends requests with Jersey over Apache HttpClient 5, which (unlike the JDK's HttpURLConnection) can send
 * {@code PATCH}. What it guarantees:
 * <ul>
 *   <li>plain HTTP only where {@link PlainHttpPolicy} permits it, checked before every request;</li>
 *   <li>TLS verified against the JVM's roots and, per host, the files {@link HostTlsStrategy} finds for it (its
 *       certs.d CAs and client certificates, {@code $SSL_CERT_FILE}, {@code $SSL_CERT_DIR}), read at the first
 *       TLS connection that needs them; host names verified (HttpClient's default verifier);</li>
 *   <li>each request routed through the proxy the environment names for its URL, or directly
 *       ({@link ProxyRoutePlanner}), HTTPS in a {@code CONNECT} tunnel; a proxy that fails says so
 *       ({@link ProxyExchanges});</li>
 *   <li>redirects never followed by the client: the caller decides whether Authorization may follow;</li>
 *   <li>no hidden behaviour: HttpClient's own retries, cookies, auth cache and transparent decompression
 *       are off (retries are the caller's budget; decompression would change the bytes a digest covers);</li>
 *   <li>request bodies streamed from their source through a fixed buffer, never held in memory: a body of
 *       known length goes with {@code Content-Length}, one of unknown length chunked;</li>
 *   <li>a response body dapp stops reading (at a cap, on an error) is not read to its end on close: the
 *       connection is dropped instead (see {@link AbandoningClosingStrategy}).</li>
 * </ul>
 * Jersey's and HttpClient's exceptions stop here and become {@link IOException}s; a TLS file that cannot be
 * used is a {@link TlsFileException}, which the client's port methods turn into the user's bad input.
 */
final class JerseyTransport implements AutoCloseable {

  /** Copy buffer for blob bodies: large enough for throughput, constant in memory. */
  static final int BUFFER_SIZE = 1024 * 1024;

  /** Chunk size of bodies sent with chunked transfer encoding (unknown length). */
  private static final int CHUNK_SIZE = 64 * 1024;

  /** A connection's read and write buffers: a 64 KiB socket write instead of HttpClient's 8 KiB. */
  private static final int SOCKET_BUFFER_SIZE = 64 * 1024;

  /**
   * Jersey runs without HK2 on purpose (its set-up and per-request lookups cost more than the client's work)
   * and says so with a warning on standard error, through java.util.logging, for every client built. Held
   * here: java.util.logging keeps loggers weakly, and a collected one would forget its level.
   */
  private static final Logger NO_INJECTION_NOTICE = quiet("org.glassfish.jersey.client.innate.inject.NonInjectionManager");

  private final Client client;
  private final PlainHttpPolicy plainHttpPolicy;
  private final HostTlsStrategy tls;

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /**
   * Connections kept per host: as many as requests run at once (the transfer jobs, or a cleanup's reads on
   * its pool, whichever are more) and one more for the calls that accompany them. A thread beyond that
   * would wait for a connection while the registry has capacity; the pool opens no connection before a
   * request needs it, so the allowance costs nothing when fewer requests run at once.
   */
  static int connectionsPerHost(TransferJobs jobs) {
    return Math.max(jobs.count(), ImageInventory.DEFAULT_PARALLELISM) + 1;
  }

  /** With the JVM's TLS only and no proxy. */
  JerseyTransport(Duration connectTimeout, Duration readTimeout, PlainHttpPolicy plainHttpPolicy, TransferJobs jobs) {
    this(connectTimeout, readTimeout, plainHttpPolicy, jobs, NetworkSettings.DEFAULT,
        new TlsContexts(java.time.Clock.systemUTC()));
  }

  /**
   * @param jobs how many transfers may run at once: each holds a connection of its own
   * @param tlsContexts the TLS set-ups of the process, shared by its clients
   */
  JerseyTransport(Duration connectTimeout, Duration readTimeout, PlainHttpPolicy plainHttpPolicy, TransferJobs jobs,
      NetworkSettings network, TlsContexts tlsContexts) {
    this.plainHttpPolicy = plainHttpPolicy;
    this.tls = new HostTlsStrategy(network.tls(), tlsContexts);
    ProxySettings proxies = network.proxies();
    ClientConfig config = new ClientConfig()
        // Only what is registered here: no scan of the class path for features and providers (the
        // application's jar has none that this client uses), no JSON features (bodies are read as streams and
        // parsed by the adapter's own reader), none of the default XML, image and DataSource providers.
        .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
        .property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
        .property(CommonProperties.JSON_PROCESSING_FEATURE_DISABLE, true)
        .property(CommonProperties.JSON_BINDING_FEATURE_DISABLE, true)
        .property(CommonProperties.MOXY_JSON_FEATURE_DISABLE, true)
        .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "ALL")
        .connectorProvider(new Apache5ConnectorProvider())
        .property(Apache5ClientProperties.CONNECTION_MANAGER,
            connectionManager(connectionsPerHost(jobs), connectTimeout, readTimeout, tls))
        .property(ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis())
        .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis())
        .property(ClientProperties.FOLLOW_REDIRECTS, false)
        .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED)
        .property(ClientProperties.CHUNKED_ENCODING_SIZE, CHUNK_SIZE)
        .property(Apache5ClientProperties.CONNECTION_CLOSING_STRATEGY, new AbandoningClosingStrategy())
        .register((Apache5HttpClientBuilderConfigurator) builder -> proxied(builder
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression(), proxies));
    this.client = ClientBuilder.newClient(config);
  }

  /**
   * With proxies: each request routed as the environment says, the proxies' credentials answering their
   * {@code 407} (HttpClient sends them to the proxy only: on the {@code CONNECT} of a tunnel, never inside it),
   * and a proxy's failure named as one. Without: the client as it was.
   */
  private static HttpClientBuilder proxied(HttpClientBuilder builder, ProxySettings proxies) {
    if (!proxies.any()) {
      return builder;
    }
    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
    for (Optional<ProxyAddress> proxy : java.util.List.of(proxies.http(), proxies.https())) {
      proxy.flatMap(address -> address.credentials().map(user -> java.util.Map.entry(address, user)))
          .ifPresent(entry -> credentials.setCredentials(new AuthScope(entry.getKey().host(), entry.getKey().port()),
              new UsernamePasswordCredentials(entry.getValue().username(),
                  entry.getValue().revealPassword().toCharArray())));
    }
    return builder.setRoutePlanner(new ProxyRoutePlanner(proxies))
        .setDefaultCredentialsProvider(credentials)
        .addExecInterceptorBefore(ChainElement.CONNECT.name(), "dapp-proxy-failures", new ProxyExchanges(proxies))
        .addExecInterceptorAfter(ChainElement.CONNECT.name(), "dapp-reached-target", ProxyExchanges.marker());
  }

  /**
   * Jersey's own pool allows 5 connections per host, fewer than {@code --jobs} may need. This one is sized
   * for the requests that run at once, for the registry, its token service and the object storage it may redirect to; TLS is
   * verified as by default (the JVM's trust store, host names checked); its buffers are large enough for
   * blob bodies to move in few system calls.
   */
  private static PoolingHttpClientConnectionManager connectionManager(int perHost, Duration connectTimeout,
      Duration readTimeout, HostTlsStrategy tls) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(tls)
        .setMaxConnPerRoute(perHost)
        .setMaxConnTotal(3 * perHost)
        // The read timeout holds from the first byte: a server that never answers a TLS handshake (a plain
        // HTTP registry tried over HTTPS first) fails as fast as one that stops answering later.
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(readTimeout)).build())
        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(Timeout.of(readTimeout)).build())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .build())
        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
            .http1Config(Http1Config.custom().setBufferSize(SOCKET_BUFFER_SIZE).setChunkSizeHint(CHUNK_SIZE).build())
            .build())
        .build();
  }

  /** Whether {@link #send} would send a request to {@code uri} at all (see {@link PlainHttpPolicy}). */
  boolean permits(java.net.URI uri) {
    return plainHttpPolicy.permits(uri);
  }

  PlainHttpPolicy plainHttpPolicy() {
    return plainHttpPolicy;
  }

  /** A registry this transport works for: connections to its host, on any port, get its TLS files. */
  void serve(RegistryHost registry) {
    tls.serve(registry);
  }

  /**
   * Whether a request to {@code uri} that failed with {@code e} may be sent again: a transient failure, and not
   * a TLS one that only files fix (a server that wants a client certificate closes the connection in a way that
   * looks transient).
   */
  boolean retryable(URI uri, IOException e) {
    return Transience.isTransient(e) && !failure(uri, e).tls();
  }

  /** Why a request to {@code uri} failed with {@code e}, in one line; {@code tls} when files would fix it. */
  record Failure(String problem, boolean tls) {}

  Failure failure(URI uri, IOException e) {
    if (e instanceof ProxyFailureException) {
      return new Failure(e.getMessage(), false);
    }
    if (uri.getHost() != null && "https".equalsIgnoreCase(uri.getScheme())) {
      String host = hostOf(uri);
      int port = portOf(uri);
      boolean offered;
      java.util.List<java.nio.file.Path> directories;
      try {
        HostTlsStrategy.Prepared prepared = tls.prepare(host, port);
        offered = prepared.offersClientCertificate();
        directories = prepared.directories();
      } catch (TlsFileException alreadyReported) {
        offered = false;
        directories = tls.directories(host, port);
      }
      Optional<String> problem = TlsFailures.describe(e, host, port, tls.settings(), offered,
          tls.askedForClientCertificate(host, port), directories);
      if (problem.isPresent()) {
        return new Failure(problem.get(), true);
      }
    }
    return new Failure(Transience.describe(e), false);
  }

  private static String hostOf(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static int portOf(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * @throws PlainHttpRefusedException when the request would go over plain HTTP to a host that may not get it
   */
  HttpResponse send(HttpRequest request) throws IOException {
    if (!plainHttpPolicy.permits(request.uri())) {
      throw new PlainHttpRefusedException(request.uri());
    }
    if ("https".equalsIgnoreCase(request.uri().getScheme()) && request.uri().getHost() != null) {
      // The host's TLS files are read (once) before the request: a file that cannot be used is reported as
      // such, not as a connection that failed.
      tls.prepare(hostOf(request.uri()), portOf(request.uri()));
    }
    AtomicBoolean abandoned = new AtomicBoolean();
    Invocation.Builder builder = client.target(request.uri()).request()
        .property(AbandoningClosingStrategy.ABANDONED, abandoned);
    request.headers().forEach(builder::header);
    InputStream opened = null;
    try {
      Response response;
      if (request.body().isPresent()) {
        RequestBody body = request.body().get();
        opened = body.opener().open();
        response = builder.method(request.method(), entity(body, opened));
      } else {
        response = builder.method(request.method());
      }
      return new HttpResponse(response, abandoned);
    } catch (ProcessingException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof TlsFileException unusable) {
          throw unusable;
        }
      }
      throw asIoException(e);
    } finally {
      // Sent or not, the source is done with (closing it twice is harmless).
      if (opened != null) {
        opened.close();
      }
    }
  }

  private static Entity<?> entity(RequestBody body, InputStream in) {
    if (body.length() >= 0) {
      // Known length: HttpClient sends Content-Length (which registries and proxies may insist on) and
      // copies the stream as it goes; Jersey's connector hands such an entity through without buffering it.
      // A blob body moves in large slices, without Jersey's 8 KiB copy (see LargeSliceInputStream).
      InputStream source = body.length() > SOCKET_BUFFER_SIZE ? new LargeSliceInputStream(in) : in;
      return Entity.entity(new InputStreamEntity(source, body.length(), ContentType.parse(body.contentType())),
          body.contentType());
    }
    StreamingOutput streaming = (OutputStream out) -> {
      byte[] buffer = new byte[BUFFER_SIZE];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    };
    return Entity.entity(streaming, body.contentType());
  }

  /** The underlying I/O failure (reset, timeout, TLS, refused) is what the retry policy looks at. */
  private static IOException asIoException(ProcessingException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof IOException io) {
        return io;
      }
      cause = cause.getCause();
    }
    return new IOException(e.getMessage(), e);
  }

  @Override
  public void close() {
    client.close();
  }
}
