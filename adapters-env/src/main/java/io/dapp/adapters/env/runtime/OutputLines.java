package io.dapp.adapters.env.runtime;

import io.dapp.domain.port.StageRunners.OutputSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Bytes a process writes, cut into lines for an {@link OutputSink}: a line ends at {@code \n} (which is not
 * passed on; a {@code \r} is data), a line longer than {@link #MAX_LINE_BYTES} is passed on in pieces of at
 * most that many bytes, cut between characters, and bytes that are not UTF-8 become U+FFFD. Not thread-safe:
 * one reader feeds it, so the sink is called from that one thread.
 */
final class OutputLines {

  static final int MAX_LINE_BYTES = 64 * 1024;

  private final OutputSink sink;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  OutputLines(OutputSink sink) {
    this.sink = Objects.requireNonNull(sink, "'sink' must not be null");
  }

  void accept(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        emit(line.toByteArray(), line.size());
        line.reset();
        start = i + 1;
      }
    }
    append(bytes, start, end - start);
  }

  /** The last line, when the output did not end with a line break. */
  void finish() {
    if (line.size() > 0) {
      emit(line.toByteArray(), line.size());
      line.reset();
    }
  }

  /** Adds to the current line, passing on full pieces as they fill up. */
  private void append(byte[] bytes, int offset, int length) {
    line.write(bytes, offset, length);
    while (line.size() > MAX_LINE_BYTES) {
      byte[] held = line.toByteArray();
      int cut = characterBoundary(held, MAX_LINE_BYTES);
      emit(held, cut);
      line.reset();
      line.write(held, cut, held.length - cut);
    }
  }

  /**
   * The largest cut at or below {@code limit} that does not split a UTF-8 sequence: continuation bytes
   * ({@code 10xxxxxx}) are left for the next piece, at most three of them (a longer run is not UTF-8 anyway).
   */
  private static int characterBoundary(byte[] bytes, int limit) {
    int cut = limit;
    while (cut > limit - 3 && (bytes[cut] & 0xC0) == 0x80) {
      cut--;
    }
    return cut;
  }

  private void emit(byte[] bytes, int length) {
    sink.line(new String(bytes, 0, length, StandardCharsets.UTF_8));
  }
}
