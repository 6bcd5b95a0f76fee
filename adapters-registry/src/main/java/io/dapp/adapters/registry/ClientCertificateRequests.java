package io.dapp.adapters.registry;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Which servers asked for a client certificate during a handshake. A TLS 1.3 server that wants one and gets
 * none says so in an alert after the handshake, which the client often never reads (its request meets a closed
 * connection: "Broken pipe"); knowing that the server asked is what lets the failure say so. The key manager
 * of every TLS set-up is one of these, around the client keys it offers, if any.
 */
final class ClientCertificateRequests {

  /**
   * The host and port the handshake on this thread is for: through a proxy's tunnel, the session's peer port is
   * the proxy's, not the server's.
   */
  private static final ThreadLocal<String> CONNECTING = new ThreadLocal<>();

  private final Set<String> askedBy = ConcurrentHashMap.newKeySet();

  /** A TLS upgrade that may throw an I/O exception. */
  @FunctionalInterface
  interface Upgrade<T> {
    T run() throws java.io.IOException;
  }

  /** Runs {@code upgrade}, whose handshake is with {@code host:port}, on this thread. */
  static <T> T connectingTo(String host, int port, Upgrade<T> upgrade) throws java.io.IOException {
    CONNECTING.set(host.toLowerCase(Locale.ROOT) + ":" + port);
    try {
      return upgrade.run();
    } finally {
      CONNECTING.remove();
    }
  }

  /** Whether {@code host:port} asked for a client certificate in a handshake of this process. */
  boolean askedBy(String host, int port) {
    return askedBy.contains(host.toLowerCase(Locale.ROOT) + ":" + port);
  }

  /** A key manager offering what {@code keys} holds (nothing, when null) and noting who asked. */
  X509ExtendedKeyManager around(X509KeyManager keys) {
    return new X509ExtendedKeyManager() {
      @Override
      public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        if (socket instanceof SSLSocket ssl) {
          note(ssl.getHandshakeSession());
        }
        return keys == null ? null : keys.chooseClientAlias(keyType, issuers, socket);
      }

      @Override
      public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        note(engine.getHandshakeSession());
        return keys == null ? null : keys instanceof X509ExtendedKeyManager extended
            ? extended.chooseEngineClientAlias(keyType, issuers, engine) : null;
      }

      @Override
      public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys == null ? null : keys.getClientAliases(keyType, issuers);
      }

      @Override
      public X509Certificate[] getCertificateChain(String alias) {
        return keys == null ? null : keys.getCertificateChain(alias);
      }

      @Override
      public PrivateKey getPrivateKey(String alias) {
        return keys == null ? null : keys.getPrivateKey(alias);
      }

      @Override
      public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
      }
    };
  }

  private void note(SSLSession session) {
    String connecting = CONNECTING.get();
    if (connecting != null) {
      askedBy.add(connecting);
    } else if (session != null && session.getPeerHost() != null) {
      askedBy.add(session.getPeerHost().toLowerCase(Locale.ROOT) + ":" + session.getPeerPort());
    }
  }
}
