package io.dapp.domain.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the trust and the client certificates of TLS connections come from, besides the JVM's default roots,
 * which always stay:
 * <ul>
 *   <li>for a registry {@code HOST[:PORT]}, the files of {@code HOST[:PORT]/} in each certs.d directory: those
 *       of docker and of containers-image ({@code /etc/docker/certs.d}, {@code /etc/containers/certs.d}), or
 *       the one {@code --cert-dir} / {@code $DAPP_CERT_DIR} names instead. There, every {@code *.crt} is a CA
 *       trusted for that registry only, and a pair {@code NAME.cert} + {@code NAME.key} is a client
 *       certificate it may ask for;</li>
 *   <li>for every host, the certificates of {@code $SSL_CERT_FILE} (one PEM file) and of the files in
 *       {@code $SSL_CERT_DIR} (directories, separated by ':'), as extra roots.</li>
 * </ul>
 * The files are read by the registry adapter at the first TLS connection that needs them, never before.
 */
public record TlsSettings(Optional<CertDirectory> certDirectory, List<Path> systemDirectories,
    Optional<Path> sslCertFile, List<Path> sslCertDirectories) {

  /** docker's and containers-image's certs.d directories, in that order. */
  public static final List<Path> SYSTEM_DIRECTORIES =
      List.of(Path.of("/etc/docker/certs.d"), Path.of("/etc/containers/certs.d"));

  public static final TlsSettings DEFAULT =
      new TlsSettings(Optional.empty(), SYSTEM_DIRECTORIES, Optional.empty(), List.of());

  public TlsSettings {
    Objects.requireNonNull(certDirectory, "'certDirectory' must not be null");
    systemDirectories = List.copyOf(systemDirectories);
    Objects.requireNonNull(sslCertFile, "'sslCertFile' must not be null");
    sslCertDirectories = List.copyOf(sslCertDirectories);
  }

  public TlsSettings withCertDirectory(Optional<CertDirectory> directory) {
    return new TlsSettings(directory, systemDirectories, sslCertFile, sslCertDirectories);
  }

  public TlsSettings withExtraRoots(Optional<Path> file, List<Path> directories) {
    return new TlsSettings(certDirectory, systemDirectories, file, directories);
  }

  /** The certs.d directories looked in: the one named by the user, else the system's. */
  public List<Path> roots() {
    return certDirectory.map(directory -> List.of(directory.path())).orElse(systemDirectories);
  }

  /**
   * The directories of one host's files, in every root: {@code HOST:PORT}, and for port 443 {@code HOST} (as
   * docker names a registry without a port) before {@code HOST:443}. An IPv6 host is written in brackets.
   */
  public List<Path> directoriesFor(String host, int port) {
    Objects.requireNonNull(host, "'host' must not be null");
    String name = host.toLowerCase(Locale.ROOT);
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    List<String> names = port == 443 ? List.of(name, name + ":443") : List.of(name + ":" + port);
    List<Path> directories = new ArrayList<>();
    for (Path root : roots()) {
      for (String each : names) {
        directories.add(root.resolve(each));
      }
    }
    return directories;
  }

  /** Whether any extra root is configured for every host. */
  public boolean hasExtraRoots() {
    return sslCertFile.isPresent() || !sslCertDirectories.isEmpty();
  }

  /** Where a CA certificate for {@code HOST[:PORT]} goes, for the hint of an untrusted certificate. */
  public Path caFileFor(String host, int port) {
    return directoriesFor(host, port).get(0).resolve("ca.crt");
  }
}
