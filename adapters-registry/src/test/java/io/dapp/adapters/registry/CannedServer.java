package io.dapp.adapters.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HttpServer on 127.0.0.1 answering from a script, for protocol corners a real registry does not
 * produce. It records every request it received.
 */
final class CannedServer implements AutoCloseable {

  /** A request as it arrived; the body is kept when it is at most {@link #KEPT_BODY} bytes, else empty. */
  record Received(String method, String uri, String authorization, String accept, long bodyLength,
      Map<String, String> headers, byte[] body) {

    /** The first value of a request header, or null; names are case-insensitive. */
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  record Reply(int status, Map<String, String> headers, byte[] body) {
    static Reply of(int status, Map<String, String> headers, String body) {
      return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply of(int status) {
      return new Reply(status, Map.of(), new byte[0]);
    }
  }

  @FunctionalInterface
  interface Script {
    Reply answer(Received request) throws IOException;
  }

  static final int KEPT_BODY = 16 * 1024 * 1024;

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  CannedServer(Script script) throws IOException {
    this(java.net.InetAddress.getByName("127.0.0.1"), script);
  }

  /** On another local address, such as the machine's non-loopback one. */
  CannedServer(java.net.InetAddress address, Script script) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext("/", exchange -> handle(exchange, script));
    server.start();
  }

  private void handle(HttpExchange exchange, Script script) throws IOException {
    try (exchange) {
      java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
      long length = 0;
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = exchange.getRequestBody().read(buffer)) >= 0) {
        length += n;
        if (length <= KEPT_BODY) {
          kept.write(buffer, 0, n);
        }
      }
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(java.util.Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
      Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Accept"), length,
          Map.copyOf(headers), length <= KEPT_BODY ? kept.toByteArray() : new byte[0]);
      received.add(request);
      Reply reply = script.answer(request);
      reply.headers().forEach(exchange.getResponseHeaders()::add);
      boolean noBody = reply.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
      if (!noBody) {
        exchange.getResponseBody().write(reply.body());
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
