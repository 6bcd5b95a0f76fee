package io.dapp.adapters.env.source;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of one project's cache file: a magic and version, the project's root (so a file never serves
 * another project), the entries, and a SHA-256 of all that at the end, so a truncated or damaged file is
 * recognised as such and never half-trusted.
 */
final class FingerprintCacheFile {

  private static final byte[] MAGIC = "dapp-fingerprints/1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH_LENGTH = 32;
  private static final int MAX_PATH_BYTES = 64 * 1024;

  /** Thrown for a file that is not a whole cache file of this version and project. */
  static final class DamagedException extends Exception {
    DamagedException(String message) {
      super(message);
    }
  }

  private FingerprintCacheFile() {}

  static byte[] encode(String root, Map<String, CachedFingerprint> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      writeText(out, root);
      out.writeInt(entries.size());
      for (Map.Entry<String, CachedFingerprint> entry : entries.entrySet()) {
        writeText(out, entry.getKey());
        FileStat stat = entry.getValue().stat();
        out.writeLong(stat.size());
        out.writeLong(stat.modifiedNanos());
        out.writeLong(stat.changedNanos());
        out.writeLong(stat.inode());
        out.writeLong(stat.device());
        out.write(HexFormat.of().parseHex(entry.getValue().sha256().hex()));
      }
      MessageDigest hasher = Digests.newSha256();
      hasher.update(bytes.toByteArray());
      out.write(hasher.digest());
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory does not fail", e);
    }
    return bytes.toByteArray();
  }

  static LinkedHashMap<String, CachedFingerprint> decode(String root, byte[] content) throws DamagedException {
    if (content.length < MAGIC.length + HASH_LENGTH
        || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new DamagedException("not a dapp fingerprint cache of this version");
    }
    int body = content.length - HASH_LENGTH;
    MessageDigest hasher = Digests.newSha256();
    hasher.update(content, 0, body);
    if (!MessageDigest.isEqual(hasher.digest(), Arrays.copyOfRange(content, body, content.length))) {
      throw new DamagedException("its checksum does not match: damaged or cut short");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, MAGIC.length,
        body - MAGIC.length))) {
      if (!readText(in).equals(root)) {
        throw new DamagedException("it belongs to another project directory");
      }
      int count = in.readInt();
      if (count < 0) {
        throw new DamagedException("negative entry count");
      }
      LinkedHashMap<String, CachedFingerprint> entries = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String path = readText(in);
        FileStat stat = new FileStat(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        byte[] hash = in.readNBytes(HASH_LENGTH);
        if (hash.length != HASH_LENGTH) {
          throw new EOFException();
        }
        entries.put(path, new CachedFingerprint(stat, new Digest("sha256", HexFormat.of().formatHex(hash))));
      }
      if (in.available() != 0) {
        throw new DamagedException("bytes after the last entry");
      }
      return entries;
    } catch (IOException | IllegalArgumentException e) {
      throw new DamagedException("cut short or malformed: " + e.getMessage());
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readText(DataInputStream in) throws IOException, DamagedException {
    int length = in.readInt();
    if (length < 0 || length > MAX_PATH_BYTES) {
      throw new DamagedException("a path of " + length + " bytes");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new EOFException();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
