package io.dapp.adapters.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Which I/O failures are worth another attempt, and how to name them in one line. */
final class Transience {

  private Transience() {}

  /**
   * Resets, timeouts and broken streams pass; a refused connection, an unknown host, a TLS failure, a proxy
   * that cannot be reached or refuses, or an oversized body will not go away by asking again.
   */
  static boolean isTransient(IOException e) {
    return !(e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || e instanceof SSLException || e instanceof ResponseTooLargeException || e instanceof ProxyFailureException);
  }

  static String describe(IOException e) {
    if (e instanceof ProxyFailureException) {
      return e.getMessage();
    }
    String kind = kind(e);
    String message = e.getMessage();
    return message == null || message.isBlank() ? kind : kind + " (" + message.replaceAll("\\s+", " ") + ")";
  }

  /** What kind of failure, in two words: {@code connection refused}, {@code timed out}. */
  static String kind(IOException e) {
    return e instanceof SocketTimeoutException ? "timed out"
        : e instanceof ConnectException ? "connection refused"
        : e instanceof UnknownHostException ? "unknown host"
        : e instanceof SSLException ? "TLS failed"
        : "connection failed";
  }
}
