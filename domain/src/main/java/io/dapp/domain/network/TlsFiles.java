package io.dapp.domain.network;

import java.nio.file.Path;
import java.util.List;

/**
 * The files TLS with one registry would use besides the JVM's roots, as found in its certs.d directories
 * (listed, not read): for {@code --debug}.
 *
 * @param directories the directories looked in, whether they exist or not
 * @param authorities the {@code *.crt} files: CAs trusted for this registry only
 * @param clientCertificates the {@code *.cert} files, each with its {@code .key}
 * @param extraRoots {@code $SSL_CERT_FILE} and the directories of {@code $SSL_CERT_DIR}: roots for every host
 */
public record TlsFiles(List<Path> directories, List<Path> authorities, List<Path> clientCertificates,
    List<Path> extraRoots) {

  public TlsFiles {
    directories = List.copyOf(directories);
    authorities = List.copyOf(authorities);
    clientCertificates = List.copyOf(clientCertificates);
    extraRoots = List.copyOf(extraRoots);
  }

  /** One line: {@code JVM roots + ...; client certificate ...}. */
  public String describe() {
    StringBuilder text = new StringBuilder("the JVM's roots");
    extraRoots.forEach(root -> text.append(" + ").append(root));
    authorities.forEach(ca -> text.append(" + ").append(ca));
    if (authorities.isEmpty()) {
      text.append(" (no *.crt in ").append(directories.isEmpty() ? "any certs.d directory"
          : String.join(", ", directories.stream().map(Path::toString).toList())).append(")");
    }
    if (!clientCertificates.isEmpty()) {
      text.append("; client certificate").append(clientCertificates.size() > 1 ? "s " : " ")
          .append(String.join(", ", clientCertificates.stream().map(Path::toString).toList()));
    }
    return text.toString();
  }
}
