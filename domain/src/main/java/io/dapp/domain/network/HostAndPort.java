package io.dapp.domain.network;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An authority ({@code HOST[:PORT]}, {@code [v6]:PORT}) taken apart as a URL's: the host in lower case, an IPv6
 * address without its brackets, and the port when one is written.
 */
public record HostAndPort(String host, OptionalInt port) {

  public HostAndPort {
    Objects.requireNonNull(host, "'host' must not be null");
    Objects.requireNonNull(port, "'port' must not be null");
  }

  /** @throws IllegalArgumentException when the port is not a number */
  public static HostAndPort of(String authority) {
    Objects.requireNonNull(authority, "'authority' must not be null");
    String text = authority.toLowerCase(Locale.ROOT);
    int close = text.indexOf(']');
    if (text.startsWith("[") && close > 0) {
      String rest = text.substring(close + 1);
      return new HostAndPort(text.substring(1, close),
          rest.startsWith(":") ? OptionalInt.of(Integer.parseInt(rest.substring(1))) : OptionalInt.empty());
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf(':') != colon) {
      return new HostAndPort(text, OptionalInt.empty());
    }
    return new HostAndPort(text.substring(0, colon), OptionalInt.of(Integer.parseInt(text.substring(colon + 1))));
  }

  /** The port, or {@code otherwise} when none is written. */
  public int portOr(int otherwise) {
    return port.orElse(otherwise);
  }
}
