package io.dapp.adapters.registry;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;

/**
 * Sends requests with Jersey's default connector (HttpURLConnection): TLS verified with the JVM's trust
 * store, redirects never followed automatically (the caller decides whether Authorization may follow),
 * and request bodies streamed in chunks, so memory does not grow with a blob's size. Jersey's exceptions
 * stop here and become {@link IOException}s.
 */
final class JerseyTransport implements AutoCloseable {

  /** Copy buffer and chunk size for blob bodies: large enough for throughput, constant in memory. */
  static final int BUFFER_SIZE = 1024 * 1024;

  /** Bodies up to this size are sent with Content-Length (manifests); larger ones are chunked. */
  private static final long SMALL_BODY = io.dapp.domain.registry.Manifest.MAX_SIZE;

  private final Client client;

  JerseyTransport(Duration connectTimeout, Duration readTimeout) {
    ClientConfig config = new ClientConfig()
        .property(ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis())
        .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis())
        .property(ClientProperties.FOLLOW_REDIRECTS, false)
        .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED)
        .property(ClientProperties.CHUNKED_ENCODING_SIZE, BUFFER_SIZE);
    this.client = ClientBuilder.newClient(config);
  }

  HttpResponse send(HttpRequest request) throws IOException {
    Invocation.Builder builder = client.target(request.uri()).request();
    request.headers().forEach(builder::header);
    try {
      Response response;
      if (request.body().isPresent()) {
        response = builder.method(request.method(), entity(request.body().get(), builder));
      } else {
        response = builder.method(request.method());
      }
      return new HttpResponse(response);
    } catch (ProcessingException e) {
      throw asIoException(e);
    }
  }

  private static Entity<?> entity(RequestBody body, Invocation.Builder builder) throws IOException {
    if (body.length() >= 0 && body.length() <= SMALL_BODY) {
      // Small and known: send it whole with Content-Length, which some registries insist on for manifests.
      builder.property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
      try (InputStream in = body.opener().open()) {
        return Entity.entity(in.readAllBytes(), body.contentType());
      }
    }
    StreamingOutput streaming = (OutputStream out) -> {
      try (InputStream in = body.opener().open()) {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
        }
      }
    };
    return Entity.entity(streaming, body.contentType());
  }

  /** The underlying I/O failure (reset, timeout, TLS, refused) is what the retry policy looks at. */
  private static IOException asIoException(ProcessingException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof IOException io) {
        return io;
      }
      cause = cause.getCause();
    }
    return new IOException(e.getMessage(), e);
  }

  @Override
  public void close() {
    client.close();
  }
}
