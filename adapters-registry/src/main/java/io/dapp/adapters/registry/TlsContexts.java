package io.dapp.adapters.registry;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;

/**
 * The TLS set-ups of one process, one per set of files, each made when a connection first needs it and kept:
 * the JVM's default roots (they always stay), plus the extra roots of every host ({@code $SSL_CERT_FILE},
 * {@code $SSL_CERT_DIR}), plus a registry's own CA files, with its client certificates to offer. A connection
 * that needs no file gets the JVM's own set-up, made at the first TLS connection as before (it costs ~0.3 s,
 * which a plain-HTTP registry on loopback never pays). Host names are verified as by default.
 */
final class TlsContexts {

  /**
   * The files one set-up is made of.
   *
   * @param rootFile {@code $SSL_CERT_FILE}: roots for every host, at least one
   * @param roots the files of {@code $SSL_CERT_DIR}: roots for every host; a file without a certificate is passed
   *     over, as OpenSSL and Go pass it over
   * @param authorities a host's CA files, each holding at least one certificate
   */
  record Material(Optional<Path> rootFile, List<Path> roots, List<Path> authorities,
      List<CertificateDirectories.ClientFiles> clients) {
    Material {
      Objects.requireNonNull(rootFile, "'rootFile' must not be null");
      roots = List.copyOf(roots);
      authorities = List.copyOf(authorities);
      clients = List.copyOf(clients);
    }

    boolean isEmpty() {
      return rootFile.isEmpty() && roots.isEmpty() && authorities.isEmpty() && clients.isEmpty();
    }
  }

  /** The password of the in-memory key store that hands the client keys to JSSE; it never leaves this class. */
  private static final char[] IN_MEMORY = "dapp".toCharArray();

  private final Clock clock;
  private final ClientCertificateRequests requests = new ClientCertificateRequests();
  /** The JVM's trust as it is, with no client key: made at the first TLS connection that needs no file. */
  private final LazyTlsSocketStrategy jvmDefault = new LazyTlsSocketStrategy(this::jvmDefault);
  private final Map<Material, TlsSocketStrategy> strategies = new ConcurrentHashMap<>();
  private volatile List<X509Certificate> jvmRoots;

  TlsContexts(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code host:port} asked this process for a client certificate. */
  boolean askedForClientCertificate(String host, int port) {
    return requests.askedBy(host, port);
  }

  /** @throws TlsFileException when a file cannot be used; nothing is kept then, and the next call tries again */
  TlsSocketStrategy strategy(Material material) {
    if (material.isEmpty()) {
      return jvmDefault;
    }
    return strategies.computeIfAbsent(material, this::build);
  }

  private TlsSocketStrategy build(Material material) {
    // A set: $SSL_CERT_DIR often holds each certificate twice (a file and its hash link) besides the bundle.
    java.util.Set<X509Certificate> anchors = new java.util.LinkedHashSet<>(jvmRoots());
    if (material.rootFile().isPresent()) {
      Path file = material.rootFile().get();
      String shown = "$SSL_CERT_FILE " + file;
      List<X509Certificate> certificates = Pem.certificates(Pem.read(file, shown), shown);
      if (certificates.isEmpty()) {
        throw new TlsFileException(shown + ": no PEM certificate in it");
      }
      anchors.addAll(certificates);
    }
    for (Path root : material.roots()) {
      List<X509Certificate> certificates = Pem.certificates(Pem.read(root, root.toString()), root.toString());
      anchors.addAll(certificates);
    }
    for (Path authority : material.authorities()) {
      List<X509Certificate> certificates = Pem.certificates(Pem.read(authority, authority.toString()),
          authority.toString());
      if (certificates.isEmpty()) {
        throw new TlsFileException(authority + ": no PEM certificate in it (a CA file holds -----BEGIN CERTIFICATE----- "
            + "blocks)");
      }
      anchors.addAll(certificates);
    }
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int index = 0;
      for (X509Certificate anchor : anchors) {
        trust.setCertificateEntry("root-" + index++, anchor);
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      X509KeyManager offered = null;
      if (!material.clients().isEmpty()) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        int n = 0;
        for (CertificateDirectories.ClientFiles client : material.clients()) {
          ClientPair pair = clientPair(client);
          keys.setKeyEntry("client-" + n++, pair.key(), IN_MEMORY, pair.chain().toArray(X509Certificate[]::new));
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, IN_MEMORY);
        for (KeyManager manager : factory.getKeyManagers()) {
          if (manager instanceof X509KeyManager x509) {
            offered = x509;
          }
        }
      }
      return strategy(offered, trustManagers.getTrustManagers());
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new IllegalStateException("an in-memory TLS set-up failed: " + e.getMessage(), e);
    }
  }

  /** The JVM's own trust (its trust store, or {@code javax.net.ssl.trustStore}) and no client key. */
  private TlsSocketStrategy jvmDefault() {
    try {
      return strategy(null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's TLS set-up failed: " + e.getMessage(), e);
    }
  }

  /** TLS as HttpClient's system default sets it up (protocols, cipher suites, host names verified). */
  private TlsSocketStrategy strategy(X509KeyManager offered, TrustManager[] trust) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {requests.around(offered)}, trust, null);
    return new DefaultClientTlsStrategy(context, HttpsSupport.getSystemProtocols(), HttpsSupport.getSystemCipherSuits(),
        SSLBufferMode.STATIC, HostnameVerificationPolicy.BOTH, HttpsSupport.getDefaultHostnameVerifier());
  }

  /** A client certificate (with the intermediates its file holds) and the key it was issued for. */
  private record ClientPair(List<X509Certificate> chain, PrivateKey key) {
    @Override
    public String toString() {
      return "ClientPair[" + chain.get(0).getSubjectX500Principal() + "]";
    }
  }

  private ClientPair clientPair(CertificateDirectories.ClientFiles files) {
    String certificateName = files.certificate().toString();
    List<X509Certificate> chain = Pem.certificates(Pem.read(files.certificate(), certificateName), certificateName);
    if (chain.isEmpty()) {
      throw new TlsFileException(certificateName + ": no PEM certificate in it");
    }
    X509Certificate leaf = chain.get(0);
    try {
      leaf.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException e) {
      throw new TlsFileException(certificateName + ": the client certificate expired on "
          + leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new TlsFileException(certificateName + ": the client certificate is valid only from "
          + leaf.getNotBefore().toInstant());
    }
    PrivateKey key = Pem.privateKey(Pem.read(files.key(), files.key().toString()), files.key().toString());
    if (!belongsTogether(leaf, key)) {
      throw new TlsFileException(files.key() + ": this key does not belong to the certificate " + certificateName);
    }
    return new ClientPair(chain, key);
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean belongsTogether(X509Certificate certificate, PrivateKey key) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> null;
    };
    if (algorithm == null || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
      return false;
    }
    byte[] probe = "dapp: does this key belong to this certificate?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The JVM's default roots (its trust store, or {@code javax.net.ssl.trustStore}), read once. */
  private List<X509Certificate> jvmRoots() {
    List<X509Certificate> roots = jvmRoots;
    if (roots == null) {
      try {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> found = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
          if (manager instanceof X509TrustManager x509) {
            found.addAll(List.of(x509.getAcceptedIssuers()));
          }
        }
        roots = List.copyOf(found);
        jvmRoots = roots;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JVM's trust store cannot be read: " + e.getMessage(), e);
      }
    }
    return roots;
  }
}
