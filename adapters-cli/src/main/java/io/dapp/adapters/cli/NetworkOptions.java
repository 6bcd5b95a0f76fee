package io.dapp.adapters.cli;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How dapp reaches registries behind a company's network: a certs.d directory of CA files and client
 * certificates, and Docker Hub's mirrors. Proxies come from the environment only, as for every Go tool.
 */
public final class NetworkOptions {

  @Option(names = "--cert-dir", paramLabel = "DIR",
      description = {"CA files and client certificates per registry, laid out as docker's /etc/docker/certs.d: "
          + "DIR/HOST[:PORT]/*.crt are CAs trusted for that registry only, DIR/HOST[:PORT]/NAME.cert with NAME.key "
          + "a client certificate (PEM). Replaces /etc/docker/certs.d and /etc/containers/certs.d (default: "
          + "$DAPP_CERT_DIR, else those). Unlike skopeo's --cert-dir, it is the parent of one directory per "
          + "registry."})
  private Path certDir;

  @Option(names = "--registry-mirror", paramLabel = "URL", split = ",",
      description = {"A mirror of Docker Hub, as docker's registry-mirrors: https://HOST[:PORT] (http:// for plain "
          + "HTTP). Base images from Docker Hub are pulled from the mirrors in order, then from Docker Hub; "
          + "nothing is pushed to or deleted from a mirror. Repeatable (default: $DAPP_REGISTRY_MIRROR, "
          + "comma-separated)."})
  private List<String> mirrors = new ArrayList<>();

  /** {@code options} with the mirrors and certs.d directory named here, when any are. */
  RegistryOptions apply(RegistryOptions options) throws InvalidInputException {
    List<RegistryMirror> parsed = new ArrayList<>();
    for (String url : mirrors) {
      if (!url.isBlank()) {
        RegistryMirror mirror = RegistryMirror.parse("--registry-mirror", url);
        if (!parsed.contains(mirror)) {
          parsed.add(mirror);
        }
      }
    }
    RegistryOptions withMirrors = parsed.isEmpty() ? options : options.withMirrors(parsed);
    if (certDir == null) {
      return withMirrors;
    }
    TlsSettings tls = withMirrors.network().tls().withCertDirectory(
        Optional.of(new CertDirectory(certDir.toAbsolutePath().normalize(), "--cert-dir")));
    return withMirrors.withNetwork(withMirrors.network().withTls(tls));
  }
}
