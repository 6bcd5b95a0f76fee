package io.dapp.domain.network;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address written as text, read without DNS: IPv4 in four decimal parts ({@code 10.0.0.1}, no leading
 * zeros, as Go reads them) and IPv6 with {@code ::} and an optional IPv4 tail ({@code ::ffff:10.0.0.1}), no
 * zone. An IPv4-mapped IPv6 address is the IPv4 address, as Go compares them.
 */
final class IpLiteral {

  private final byte[] bytes;

  private IpLiteral(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address {@code text} writes, or empty when it is not an IP literal (a host name, say). */
  static Optional<IpLiteral> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    byte[] parsed = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    return parsed == null ? Optional.empty() : Optional.of(new IpLiteral(unmapped(parsed)));
  }

  /** 127.0.0.0/8 and ::1. */
  boolean isLoopback() {
    if (bytes.length == 4) {
      return bytes[0] == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 1;
  }

  /** Whether the first {@code prefix} bits of this address are those of {@code network}'s; families must agree. */
  boolean inNetwork(IpLiteral network, int prefix) {
    if (network.bytes.length != bytes.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((bytes[bit / 8] & mask) != (network.bytes[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** 32 or 128. */
  int bits() {
    return bytes.length * 8;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpLiteral ip && Arrays.equals(ip.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static byte[] unmapped(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return address;
    }
    return Arrays.copyOfRange(address, 12, 16);
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < part.length(); j++) {
        char c = part.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return null;
      }
      address[i] = (byte) value;
    }
    return address;
  }

  private static byte[] ipv6(String text) {
    String body = text;
    byte[] tail = null;
    int lastColon = body.lastIndexOf(':');
    if (body.indexOf('.', lastColon) > lastColon) {
      tail = ipv4(body.substring(lastColon + 1));
      if (tail == null) {
        return null;
      }
      // The IPv4 tail stands for two groups; a placeholder group keeps the count right.
      body = body.substring(0, lastColon + 1) + "0:0";
    }
    int gap = body.indexOf("::");
    if (gap >= 0 && body.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String[] head = gap >= 0 ? groups(body.substring(0, gap)) : groups(body);
    String[] rest = gap >= 0 ? groups(body.substring(gap + 2)) : new String[0];
    if (head == null || rest == null) {
      return null;
    }
    int written = head.length + rest.length;
    if ((gap < 0 && written != 8) || (gap >= 0 && written > 7)) {
      return null;
    }
    byte[] address = new byte[16];
    int at = 0;
    for (String group : head) {
      at = put(address, at, group);
      if (at < 0) {
        return null;
      }
    }
    at = 16 - rest.length * 2;
    for (String group : rest) {
      at = put(address, at, group);
      if (at < 0) {
        return null;
      }
    }
    if (tail != null) {
      System.arraycopy(tail, 0, address, 12, 4);
    }
    return address;
  }

  private static String[] groups(String text) {
    if (text.isEmpty()) {
      return new String[0];
    }
    String[] groups = text.split(":", -1);
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4) {
        return null;
      }
    }
    return groups;
  }

  private static int put(byte[] address, int at, String group) {
    int value = 0;
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    address[at] = (byte) (value >>> 8);
    address[at + 1] = (byte) value;
    return at + 2;
  }
}
