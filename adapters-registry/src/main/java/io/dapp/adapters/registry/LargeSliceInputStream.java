package io.dapp.adapters.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A blob body's source as the HTTP stack copies it. Jersey sends an entity stream with
 * {@link InputStream#transferTo}, which by default moves 8 KiB at a time through a buffer of its own, each
 * piece copied once more into the connection's buffer. Here the body moves in large slices read straight
 * from the source and written to the connection, which hands a write larger than its buffer to the socket
 * without copying it: two copies of every byte fewer, and a few hundred writes per 64 MiB instead of
 * thousands. One buffer per body, allocated when the copy starts.
 */
final class LargeSliceInputStream extends FilterInputStream {

  LargeSliceInputStream(InputStream in) {
    super(in);
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    byte[] buffer = new byte[JerseyTransport.BUFFER_SIZE];
    long moved = 0;
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
      out.write(buffer, 0, n);
      moved += n;
    }
    return moved;
  }
}
