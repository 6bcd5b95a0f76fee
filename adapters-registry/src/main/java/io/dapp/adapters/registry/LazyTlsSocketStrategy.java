package io.dapp.adapters.registry;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The JVM's TLS set-up (its trust store read, its cipher suites listed) made when the first TLS connection
 * is opened, not when the client is built: it took ~0.3 s of every command, also of those that talk to a
 * plain-HTTP registry on loopback only.
 */
final class LazyTlsSocketStrategy implements TlsSocketStrategy {

  private final Supplier<TlsSocketStrategy> factory;
  private volatile TlsSocketStrategy strategy;

  /** TLS verified as by default: the JVM's trust store, host names checked. */
  LazyTlsSocketStrategy() {
    this(DefaultClientTlsStrategy::createSystemDefault);
  }

  LazyTlsSocketStrategy(Supplier<TlsSocketStrategy> factory) {
    this.factory = Objects.requireNonNull(factory, "'factory' must not be null");
  }

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    return strategy().upgrade(socket, target, port, attachment, context);
  }

  private TlsSocketStrategy strategy() {
    TlsSocketStrategy made = strategy;
    if (made == null) {
      synchronized (this) {
        made = strategy;
        if (made == null) {
          made = Objects.requireNonNull(factory.get(), "the TLS strategy factory gave none");
          strategy = made;
        }
      }
    }
    return made;
  }
}
