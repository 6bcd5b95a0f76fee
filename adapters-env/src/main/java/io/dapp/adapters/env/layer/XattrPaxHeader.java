package io.dapp.adapters.env.layer;

import io.dapp.domain.image.LayerEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The PAX header of an entry with extended attributes, written by dapp instead of commons-compress:
 * commons-compress (1.28) takes PAX values as {@code String}s and writes them as UTF-8, so an attribute's
 * bytes that are not UTF-8 ({@code security.capability} often has bytes of 0x80 and more) would come out
 * changed. This header carries the {@code SCHILY.xattr.NAME} records with the exact bytes, and every record
 * commons-compress would have added for the entry (a long or non-ASCII path or link target, an owner or device
 * number or time too large for the ustar fields); the ustar header then gets values that need no PAX header,
 * so commons-compress writes none of its own and a reader sees exactly one.
 */
final class XattrPaxHeader {

  private static final int NAME_LENGTH = 100;
  private static final long MAX_ID = 07777777L;
  private static final long MAX_SIZE = 077777777777L;

  private XattrPaxHeader() {}

  /** Writes the PAX header entry for {@code header} and adjusts {@code header}, which the caller writes next. */
  static void write(TarArchiveOutputStream tar, TarArchiveEntry header, List<LayerEntry.Xattr> xattrs)
      throws IOException {
    Map<String, byte[]> records = new LinkedHashMap<>();
    String name = header.getName();
    if (needsRecord(name)) {
      records.put("path", utf8(name));
      header.setName(ascii(name, NAME_LENGTH - 1));
    }
    String link = header.getLinkName();
    if (link != null && !link.isEmpty() && needsRecord(link)) {
      records.put("linkpath", utf8(link));
      header.setLinkName(ascii(link, NAME_LENGTH - 1));
    }
    if (header.getLongUserId() > MAX_ID) {
      records.put("uid", utf8(Long.toString(header.getLongUserId())));
      header.setUserId(0);
    }
    if (header.getLongGroupId() > MAX_ID) {
      records.put("gid", utf8(Long.toString(header.getLongGroupId())));
      header.setGroupId(0);
    }
    if (header.getDevMajor() > MAX_ID) {
      records.put("devmajor", utf8(Integer.toString(header.getDevMajor())));
      header.setDevMajor(0);
    }
    if (header.getDevMinor() > MAX_ID) {
      records.put("devminor", utf8(Integer.toString(header.getDevMinor())));
      header.setDevMinor(0);
    }
    long seconds = header.getLastModifiedTime().toInstant().getEpochSecond();
    if (seconds < 0 || seconds > MAX_SIZE) {
      records.put("mtime", utf8(Long.toString(seconds)));
      header.setModTime(FileTime.fromMillis(0));
    }
    if (header.getSize() > MAX_SIZE) {
      throw new IOException(name + ": a file with extended attributes must be smaller than 8 GiB");
    }
    for (LayerEntry.Xattr xattr : xattrs) {
      records.put("SCHILY.xattr." + xattr.name(), xattr.value());
    }
    byte[] data = encode(records);
    String baseName = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    baseName = baseName.substring(baseName.lastIndexOf('/') + 1);
    TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/" + ascii(baseName, 80),
        TarConstants.LF_PAX_EXTENDED_HEADER_LC);
    pax.setMode(0100644);
    pax.setModTime(FileTime.fromMillis(0));
    pax.setUserName("");
    pax.setGroupName("");
    pax.setSize(data.length);
    tar.putArchiveEntry(pax);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  /** Whether commons-compress would put this name in a PAX record: too long for ustar, or not ASCII. */
  private static boolean needsRecord(String name) {
    return utf8(name).length >= NAME_LENGTH || !name.chars().allMatch(c -> c < 0x80);
  }

  /** A stand-in for the ustar field (readers take the PAX record): printable ASCII, cut to {@code max}. */
  private static String ascii(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '_');
    }
    return out.toString();
  }

  /** {@code LENGTH KEY=VALUE\n} records, LENGTH counting its own digits. */
  private static byte[] encode(Map<String, byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      byte[] key = utf8(record.getKey());
      int rest = key.length + record.getValue().length + 3; // space, '=', newline
      int length = rest + Integer.toString(rest).length();
      if (Integer.toString(length).length() != Integer.toString(rest).length()) {
        length = rest + Integer.toString(length).length();
      }
      out.writeBytes(utf8(Integer.toString(length)));
      out.write(' ');
      out.writeBytes(key);
      out.write('=');
      out.writeBytes(record.getValue());
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
