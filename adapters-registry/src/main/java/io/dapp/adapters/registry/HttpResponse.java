package io.dapp.adapters.registry;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response whose body has not been read yet; close it when done, whatever happened. A body that was not
 * read to its end is abandoned on close (its connection dropped, the rest never read), unless it is one
 * short enough to finish reading so that the connection can be reused.
 */
final class HttpResponse implements AutoCloseable {

  /** Error bodies are read only to show the registry's message; more is noise. */
  static final int ERROR_BODY_CAP = 64 * 1024;

  /** A body left unread up to this size is read on close to keep the connection; a larger one is not. */
  private static final long DRAINED_ON_CLOSE = 64 * 1024;

  private static final int MIN_COPY_BUFFER = 8192;

  private final Response response;
  private final AtomicBoolean abandoned;
  private TrackedStream opened;

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

  /**
   * A copy buffer for this body: as large as the body when it says it is small (a config, a manifest), so
   * that a thousand small downloads do not each allocate (and zero) a blob-sized buffer; blob-sized otherwise.
   */
  int copyBufferSize() {
    long length = response.getLength();
    return length >= 0 && length < JerseyTransport.BUFFER_SIZE
        ? (int) Math.max(length, MIN_COPY_BUFFER) : JerseyTransport.BUFFER_SIZE;
  }

  /** The body as a stream, for content that must not be held in memory. */
  InputStream stream() throws IOException {
    try {
      InputStream in = response.hasEntity() ? response.readEntity(InputStream.class) : null;
      opened = new TrackedStream(in == null ? InputStream.nullInputStream() : in);
      return opened;
    } catch (ProcessingException | IllegalStateException e) {
      throw new IOException("the response body could not be read", e);
    }
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
          abandoned.set(true);
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
    if (opened == null && response.hasEntity() && tooMuchLeft(0)) {
      abandoned.set(true);
    }
    if (opened != null) {
      try {
        opened.close(); // through the entity stream's close, the connection is let go as marked
      } catch (IOException e) {
        // dropped or released: either way the connection is gone from this response
      }
    }
    try {
      response.close();
    } catch (ProcessingException e) {
      // Closing only releases the connection; a failure here changes nothing for the caller.
    }
  }

  /** Whether more is left of the body, after {@code read} bytes, than is worth reading to keep the connection. */
  private boolean tooMuchLeft(long read) {
    long length = response.getLength();
    return length < 0 || length - read > DRAINED_ON_CLOSE;
  }

  /**
   * Knows how far its reader got. Closing it is what lets the connection go (the closing strategy runs
   * then), so it marks the response abandoned first when it was left with much unread.
   */
  private final class TrackedStream extends java.io.FilterInputStream {
    private boolean ended;
    private long read;

    TrackedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      ended |= c < 0;
      read += c < 0 ? 0 : 1;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      ended |= n < 0;
      read += Math.max(n, 0);
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended && tooMuchLeft(read)) {
        abandoned.set(true);
      }
      super.close();
    }
  }
}
