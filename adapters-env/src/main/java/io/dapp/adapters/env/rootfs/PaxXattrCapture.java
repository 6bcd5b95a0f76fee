package io.dapp.adapters.env.rootfs;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact bytes of the {@code SCHILY.xattr.*} records of each tar entry's PAX header, for a tar read by
 * commons-compress through this stream.
 *
 * <p>Why: commons-compress (1.28) decodes every PAX value as UTF-8 into a {@code String}, so a binary
 * value, such as a {@code security.capability} with a byte of 0x80 or more, comes out with U+FFFD in place of
 * those bytes and cannot be recovered. This stream sits directly below the {@code TarArchiveInputStream},
 * sees the same bytes in the same order (that stream reads no further ahead than the header it parses),
 * and follows the tar's 512-byte structure just enough to keep each local PAX header's raw records: after
 * {@code getNextEntry()} returns an entry, {@link #takeXattrs()} gives that entry's attributes. It parses
 * sizes (octal or base-256), GNU long-name and old-GNU sparse extension headers, and a PAX {@code size}
 * record that overrides the next header's; a global PAX header's attributes are left to commons-compress.
 */
final class PaxXattrCapture extends FilterInputStream {

  static final String PREFIX = "SCHILY.xattr.";
  private static final int BLOCK = 512;

  private enum State { HEADER, EXTENSION, DATA }

  private State state = State.HEADER;
  private final byte[] block = new byte[BLOCK];
  private int blockFill;
  private long remaining;
  private long dataSize;
  private ByteArrayOutputStream capture;
  private Map<String, byte[]> pending;
  private long pendingSize = -1;
  private Map<String, byte[]> current = Map.of();

  PaxXattrCapture(InputStream in) {
    super(in);
  }

  /** The extended attributes of the entry whose header was read last (name without the prefix → bytes). */
  Map<String, byte[]> takeXattrs() {
    Map<String, byte[]> result = current;
    current = Map.of();
    return result;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      observe(buffer, offset, n);
    }
    return n;
  }

  /** Skipped bytes are read, so that the structure is followed through them too. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int got = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (got < 0) {
        break;
      }
      skipped += got;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int limit) {
    // not supported: the structure cannot be followed backwards
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void observe(byte[] buffer, int offset, int length) throws IOException {
    int at = offset;
    int end = offset + length;
    while (at < end) {
      if (state == State.DATA) {
        int n = (int) Math.min(remaining, end - at);
        if (capture != null) {
          long wanted = dataSize - capture.size();
          if (wanted > 0) {
            capture.write(buffer, at, (int) Math.min(wanted, n));
          }
        }
        at += n;
        remaining -= n;
        if (remaining == 0) {
          dataEnded();
        }
        continue;
      }
      int n = Math.min(BLOCK - blockFill, end - at);
      System.arraycopy(buffer, at, block, blockFill, n);
      blockFill += n;
      at += n;
      if (blockFill == BLOCK) {
        blockFill = 0;
        if (state == State.HEADER) {
          header();
        } else if ((block[504] & 0xff) == 0) {
          startData(extensionData);
        }
      }
    }
  }

  private byte type;
  private boolean pendingDirectoryName;
  private boolean longNameIsDirectory;
  private long entrySize;
  private byte entryType;

  /** The type flag and size of the entry whose header was read last: the caller checks that it read the same. */
  byte entryType() {
    return entryType;
  }

  long entrySize() {
    return entrySize;
  }

  private void header() throws IOException {
    if (allZero(block)) {
      return;
    }
    type = block[156];
    dataSize = parseNumber(block, 124, 12);
    boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K';
    boolean directoryName = false;
    if (!meta) {
      if (pendingSize >= 0) {
        dataSize = pendingSize;
      }
      directoryName = pendingDirectoryName || longNameIsDirectory || headerNameIsDirectory(block);
      current = pending == null ? Map.of() : pending;
      pending = null;
      pendingSize = -1;
      pendingDirectoryName = false;
      longNameIsDirectory = false;
      entryType = type;
      entrySize = dataSize;
    }
    capture = type == 'x' || type == 'L' ? new ByteArrayOutputStream() : null;
    // As commons-compress reads them: a directory (type 5, or an old regular entry named "dir/") has no data,
    // every other entry has as many bytes as its size says.
    boolean hasData = !(type == '5' || ((type == 0 || type == '0') && directoryName));
    if (type == 'S' && (block[482] & 0xff) != 0) {
      state = State.EXTENSION;
      extensionData = hasData;
    } else {
      startData(hasData);
    }
  }

  private boolean extensionData;

  private static boolean headerNameIsDirectory(byte[] header) {
    int end = 0;
    while (end < 100 && header[end] != 0) {
      end++;
    }
    return end > 0 && header[end - 1] == '/';
  }

  private void startData(boolean hasData) {
    long size = hasData ? dataSize : 0;
    remaining = (size + BLOCK - 1) / BLOCK * BLOCK;
    state = State.DATA;
    if (remaining == 0) {
      dataEnded();
    }
  }

  private void dataEnded() {
    state = State.HEADER;
    if (capture != null) {
      byte[] data = capture.toByteArray();
      capture = null;
      if (type == 'L') {
        int end = 0;
        while (end < data.length && data[end] != 0) {
          end++;
        }
        longNameIsDirectory = end > 0 && data[end - 1] == '/';
      } else {
        parsePax(data);
      }
    }
  }

  /** Records of {@code LENGTH KEY=VALUE\n}; values kept as bytes. */
  private void parsePax(byte[] data) {
    Map<String, byte[]> xattrs = new LinkedHashMap<>();
    int at = 0;
    while (at < data.length) {
      int space = at;
      int length = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9') {
        length = length * 10 + (data[space] - '0');
        space++;
      }
      if (space >= data.length || data[space] != ' ' || length <= 0 || at + length > data.length) {
        break; // malformed: commons-compress reports it
      }
      int recordEnd = at + length - 1; // the newline
      int equals = space + 1;
      while (equals < recordEnd && data[equals] != '=') {
        equals++;
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
      byte[] value = java.util.Arrays.copyOfRange(data, Math.min(equals + 1, recordEnd), recordEnd);
      if (key.startsWith(PREFIX)) {
        xattrs.put(key.substring(PREFIX.length()), value);
      } else if (key.equals("path")) {
        pendingDirectoryName = value.length > 0 && value[value.length - 1] == '/';
      } else if (key.equals("size")) {
        try {
          pendingSize = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          pendingSize = -1;
        }
      }
      at += length;
    }
    pending = xattrs;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** An octal field, or a base-256 one (first byte with the high bit set). */
  private static long parseNumber(byte[] header, int offset, int length) throws IOException {
    if ((header[offset] & 0x80) != 0) {
      long value = header[offset] & 0x3f;
      for (int i = 1; i < length; i++) {
        value = (value << 8) | (header[offset + i] & 0xff);
      }
      if (value < 0) {
        throw new IOException("tar header size out of range");
      }
      return value;
    }
    long value = 0;
    boolean digits = false;
    for (int i = offset; i < offset + length; i++) {
      byte b = header[i];
      if (b >= '0' && b <= '7') {
        value = (value << 3) + (b - '0');
        digits = true;
      } else if (digits || (b != ' ' && b != 0)) {
        break;
      }
    }
    return value;
  }
}
