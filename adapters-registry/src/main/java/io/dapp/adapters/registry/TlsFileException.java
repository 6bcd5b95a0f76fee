package io.dapp.adapters.registry;

/**
 * A TLS file dapp was told to use (a CA certificate, a client certificate or key, {@code $SSL_CERT_FILE}) cannot
 * be used: one line naming the file, never quoting its content. It is found deep in a connection's set-up,
 * where only unchecked exceptions pass; the client's port methods turn it into the user's bad input (exit 2).
 */
final class TlsFileException extends RuntimeException {

  TlsFileException(String message) {
    super(message);
  }
}
