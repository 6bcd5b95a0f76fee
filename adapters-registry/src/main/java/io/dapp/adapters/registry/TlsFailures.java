package io.dapp.adapters.registry;

import io.dapp.domain.network.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS failures a user fixes with files, said so in one line: a server certificate no trusted CA signed (and
 * where the CA file would go), one that is not for the host, a client certificate the server asked for and did
 * not get, or refused. Other TLS failures (a plain-HTTP server spoken to with TLS) are not these.
 */
final class TlsFailures {

  private TlsFailures() {}

  /**
   * @param offered whether a client certificate was there to offer to this host
   * @param asked whether the host asked for a client certificate in a handshake: a TLS 1.3 server that then
   *     closes the connection (the client sees "Broken pipe" or a reset, not the alert) refused what it got
   * @param directories the certs.d directories of this host, the first one where a file would go
   */
  static Optional<String> describe(IOException e, String host, int port, TlsSettings settings, boolean offered,
      boolean asked, List<Path> directories) {
    boolean closedAfterAsking = asked && e instanceof java.net.SocketException;
    if (!(e instanceof SSLException) && !has(e, SSLException.class) && !closedAfterAsking) {
      return Optional.empty();
    }
    String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (port == 443 ? "" : ":" + port);
    String said = closedAfterAsking && !has(e, SSLException.class)
        ? "it closed the connection after asking for one in the handshake: " + said(e) : said(e);
    String lower = said.toLowerCase(Locale.ROOT);
    Path directory = directories.isEmpty() ? settings.caFileFor(host, port).getParent() : directories.get(0);
    if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)
        || has(e, CertificateException.class) || lower.contains("pkix path")) {
      return Optional.of("TLS failed: the certificate of " + authority + " is not trusted (" + said + "); if a "
          + "private CA signed it, put the CA's certificate in " + directory.resolve("ca.crt")
          + (settings.certDirectory().isEmpty() ? " (or in DIR/" + directory.getFileName() + "/ca.crt with --cert-dir DIR)"
          : ""));
    }
    if (e instanceof SSLPeerUnverifiedException || lower.contains("subject alternative names")) {
      return Optional.of("TLS failed: the certificate of " + authority + " is not for that name (" + said + ")");
    }
    boolean askedForOne = lower.contains("certificate_required") || (closedAfterAsking && !offered);
    boolean refusedOne = lower.contains("bad_certificate") || lower.contains("unknown_ca")
        || lower.contains("certificate_unknown") || lower.contains("access_denied") || (closedAfterAsking && offered);
    if (askedForOne || (refusedOne && !offered)) {
      return Optional.of("TLS failed: " + authority + " asks for a client certificate (" + said + ")"
          + (offered ? "" : "; put one as NAME.cert with its key NAME.key in " + directory + "/"));
    }
    if (refusedOne) {
      return Optional.of("TLS failed: " + authority + " refused the client certificate of " + directory + "/ ("
          + said + ")");
    }
    return Optional.empty();
  }

  /** The exception's words without the class names Java puts in front of a cause's message. */
  private static String said(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("([a-z0-9_]+\\.)+[A-Za-z0-9_$]+(Exception|Error): ", "").replaceAll("\\s+", " ").strip();
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
