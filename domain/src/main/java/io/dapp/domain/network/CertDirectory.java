package io.dapp.domain.network;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory laid out as docker's {@code /etc/docker/certs.d}, one directory per registry ({@code DIR/HOST[:PORT]/}),
 * named by {@code --cert-dir} or {@code $DAPP_CERT_DIR} in place of the system ones.
 *
 * @param source how the user named it, for messages: {@code --cert-dir} or {@code $DAPP_CERT_DIR}
 */
public record CertDirectory(Path path, String source) {

  public CertDirectory {
    Objects.requireNonNull(path, "'path' must not be null");
    Objects.requireNonNull(source, "'source' must not be null");
  }
}
