package io.dapp.adapters.registry;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A response whose body has not been read yet; close it when done, whatever happened. */
final class HttpResponse implements AutoCloseable {

  /** Error bodies are read only to show the registry's message; more is noise. */
  static final int ERROR_BODY_CAP = 64 * 1024;

  private final Response response;
  /** Set on close when the body was opened and not read to its end: the connection must not be drained. */
  private final AtomicBoolean abandoned;
  private volatile boolean opened;
  private volatile boolean ended;

  HttpResponse(Response response, AtomicBoolean abandoned) {
    this.response = response;
    this.abandoned = abandoned;
  }

  int status() {
    return response.getStatus();
  }

  boolean isSuccess() {
    return status() / 100 == 2;
  }

  Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  List<String> headers(String name) {
    List<String> values = response.getStringHeaders().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /** The body as a stream, for content that must not be held in memory. */
  InputStream stream() throws IOException {
    InputStream in;
    try {
      in = response.hasEntity() ? response.readEntity(InputStream.class) : null;
    } catch (ProcessingException | IllegalStateException e) {
      throw new IOException("the response body could not be read", e);
    }
    if (in == null) {
      return InputStream.nullInputStream();
    }
    opened = true;
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        return ended(super.read());
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return ended(super.read(buffer, offset, length));
      }

      /** Closing the body releases the connection: say first whether it was read to its end. */
      @Override
      public void close() throws IOException {
        markIfAbandoned();
        super.close();
      }
    };
  }

  private void markIfAbandoned() {
    if (opened && !ended) {
      abandoned.set(true);
    }
  }

  private int ended(int read) {
    if (read < 0) {
      ended = true;
    }
    return read;
  }

  /** The whole body, refusing more than {@code cap} bytes. */
  byte[] read(int cap) throws IOException {
    try (InputStream in = stream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 8192));
      byte[] buffer = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > cap) {
          throw new ResponseTooLargeException(cap);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** The error body, or nothing when it cannot be read: an error report must not fail on its own. */
  byte[] readErrorBody() {
    try {
      return read(ERROR_BODY_CAP);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  @Override
  public void close() {
    markIfAbandoned();
    try {
      response.close();
    } catch (ProcessingException e) {
      // Closing only releases the connection; a failure here changes nothing for the caller.
    }
  }
}
