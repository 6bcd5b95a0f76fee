package io.dapp.adapters.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequest;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.glassfish.jersey.apache5.connector.Apache5ConnectionClosingStrategy;
import org.glassfish.jersey.client.ClientRequest;

/**
 * How a response's connection is let go. HttpClient reads the rest of a body on close so that the
 * connection can be reused: harmless for a short body, endless for a server that announces a GiB (or sends
 * without end) after dapp stopped at a body cap. A response whose body dapp gave up on is marked
 * {@linkplain #ABANDONED abandoned}, and its request is aborted instead: the connection is dropped, nothing
 * more is read.
 */
final class AbandoningClosingStrategy implements Apache5ConnectionClosingStrategy {

  /** Request property: an {@link AtomicBoolean} that is true once the body is given up on. */
  static final String ABANDONED = "io.dapp.registry.abandoned";

  private final Apache5ConnectionClosingStrategy graceful = new Apache5GracefulClosingStrategy();

  @Override
  public void close(ClientRequest clientRequest, HttpUriRequest request, CloseableHttpResponse response,
      InputStream stream) throws IOException {
    if (clientRequest.getProperty(ABANDONED) instanceof AtomicBoolean abandoned && abandoned.get()) {
      request.abort();
    }
    graceful.close(clientRequest, request, response, stream);
  }
}
