package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.HostAndPort;
import io.dapp.domain.network.TlsSettings;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The TLS of one client's connections, chosen per host and port when the first connection to it is made:
 * <ul>
 *   <li>the JVM's roots and the extra roots of every host ({@code $SSL_CERT_FILE}, {@code $SSL_CERT_DIR});</li>
 *   <li>the CA files and client certificates of the host's own certs.d directories ({@code HOST:PORT}), and, for a
 *       host with the same name as a registry this client works with (its token service on another port, or
 *       where it redirects blobs on the same host), that registry's too: a registry's CA is trusted for its own
 *       host and for no other.</li>
 * </ul>
 * Nothing is read before the first TLS connection: a plain-HTTP registry on loopback costs no file read at all.
 */
final class HostTlsStrategy implements TlsSocketStrategy {

  /** What a connection to one host and port uses, and whether it can offer a client certificate. */
  record Prepared(TlsSocketStrategy strategy, boolean offersClientCertificate, List<Path> directories) {}

  private final TlsSettings settings;
  private final TlsContexts contexts;
  private final Set<RegistryHost> registries = ConcurrentHashMap.newKeySet();
  private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
  private volatile boolean checked;

  HostTlsStrategy(TlsSettings settings, TlsContexts contexts) {
    this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
    this.contexts = Objects.requireNonNull(contexts, "'contexts' must not be null");
  }

  TlsSettings settings() {
    return settings;
  }

  /** Whether {@code host:port} asked for a client certificate in a handshake. */
  boolean askedForClientCertificate(String host, int port) {
    return contexts.askedForClientCertificate(normalised(host), port);
  }

  /** A registry this client works with: its files also serve connections to other ports of its host. */
  void serve(RegistryHost registry) {
    registries.add(registry);
  }

  /**
   * The set-up of connections to {@code host:port}, made (and its files read) now if it was not yet.
   *
   * @throws TlsFileException when a file cannot be used
   */
  Prepared prepare(String host, int port) {
    String name = normalised(host);
    String key = name + ":" + port;
    Prepared known = prepared.get(key);
    if (known != null) {
      return known;
    }
    if (!checked) {
      CertificateDirectories.check(settings.certDirectory());
      checked = true;
    }
    List<Path> directories = directories(name, port);
    CertificateDirectories.Listing listing = CertificateDirectories.list(directories);
    TlsContexts.Material material = new TlsContexts.Material(settings.sslCertFile(),
        CertificateDirectories.sslCertDirectoryFiles(settings), listing.authorities(), listing.clients());
    Prepared made = new Prepared(contexts.strategy(material), !listing.clients().isEmpty(), directories);
    prepared.putIfAbsent(key, made);
    return made;
  }

  /** The certs.d directories of {@code host:port}: its own, and those of the registries on the same host. */
  List<Path> directories(String host, int port) {
    String name = normalised(host);
    Set<Path> directories = new LinkedHashSet<>(settings.directoriesFor(name, port));
    for (RegistryHost registry : registries) {
      HostAndPort address = HostAndPort.of(registry.apiAuthority());
      if (address.host().equals(name)) {
        directories.addAll(settings.directoriesFor(name, address.portOr(443)));
      }
    }
    return new ArrayList<>(directories);
  }

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    TlsSocketStrategy strategy = prepare(target, port).strategy();
    // The handshake runs in this call, on this thread: a client certificate request is noted for this host.
    return ClientCertificateRequests.connectingTo(normalised(target), port,
        () -> strategy.upgrade(socket, target, port, attachment, context));
  }

  private static String normalised(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
  }
}
