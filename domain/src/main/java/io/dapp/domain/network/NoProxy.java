package io.dapp.domain.network;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code NO_PROXY} as Go's {@code golang.org/x/net/http/httpproxy} reads it, which is what docker, skopeo and
 * the other Go tools of a CI job do: comma-separated entries, each
 * <ul>
 *   <li>{@code *}: no request goes through the proxy;</li>
 *   <li>an IP address ({@code 10.1.2.3}, {@code ::1}), optionally with a port ({@code 10.1.2.3:5000},
 *       {@code [::1]:5000}), or a CIDR range ({@code 10.0.0.0/8}, any port): matches hosts written as IP
 *       addresses only, never a name that resolves to one;</li>
 *   <li>a domain, optionally with a port: {@code corp} and {@code *.corp} match {@code corp} and every
 *       {@code x.corp}; {@code .corp} matches only the subdomains.</li>
 * </ul>
 * Entries are trimmed and compared without case; ports as written ({@code 080} is not {@code 80}); entries Go
 * cannot read are passed over, as Go passes them over. The value holds no secret.
 */
public record NoProxy(String value) {

  public static final NoProxy NONE = new NoProxy("");

  public NoProxy {
    Objects.requireNonNull(value, "'value' must not be null");
  }

  /**
   * The entry, as written, that makes a request to {@code host:port} go around the proxy; empty when none
   * does. {@code host} is a host name or an IP address, an IPv6 address with or without brackets.
   */
  public Optional<String> bypassFor(String host, int port) {
    Objects.requireNonNull(host, "'host' must not be null");
    String name = host.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    name = ascii(name);
    String portText = Integer.toString(port);
    Optional<IpLiteral> ip = IpLiteral.parse(name);
    for (Entry entry : entries()) {
      if (entry.matches(name, portText, ip)) {
        return Optional.of(entry.written());
      }
    }
    return Optional.empty();
  }

  /** The entries Go would use, in order; a {@code *} entry replaces them all. */
  private List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String written = raw.trim().toLowerCase(Locale.ROOT);
      if (written.isEmpty()) {
        continue;
      }
      if (written.equals("*")) {
        return List.of(new Everything());
      }
      Optional<Entry> range = Range.parse(written);
      if (range.isPresent()) {
        entries.add(range.get());
        continue;
      }
      String host = written;
      String port = "";
      Optional<String[]> split = splitHostPort(written);
      if (split.isPresent()) {
        host = split.get()[0];
        port = split.get()[1];
        if (host.isEmpty()) {
          continue;
        }
      }
      Optional<IpLiteral> ip = IpLiteral.parse(host);
      if (ip.isPresent()) {
        entries.add(new Address(written, ip.get(), port));
        continue;
      }
      if (host.isEmpty()) {
        continue;
      }
      if (host.startsWith("*.")) {
        host = host.substring(1);
      }
      boolean matchesItself = host.charAt(0) != '.';
      String suffix = ascii(matchesItself ? "." + host : host);
      entries.add(new Domain(written, suffix, port, matchesItself));
    }
    return entries;
  }

  /**
   * Go's {@code net.SplitHostPort}: {@code host:port} or {@code [v6]:port} (the port may be empty); empty
   * for anything else, such as a bare IPv6 address or a bracketed one without a port.
   */
  static Optional<String[]> splitHostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String host;
    int openFrom = 0;
    int closeFrom = 0;
    if (text.charAt(0) == '[') {
      int end = text.indexOf(']');
      if (end < 0 || end + 1 != colon) {
        return Optional.empty();
      }
      host = text.substring(1, end);
      openFrom = 1;
      closeFrom = end + 1;
    } else {
      host = text.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        return Optional.empty();
      }
    }
    if (text.indexOf('[', openFrom) >= 0 || text.indexOf(']', closeFrom) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {host, text.substring(colon + 1)});
  }

  /** International names compare in their ASCII form, as Go's IDNA lookup writes them; what IDNA refuses stays. */
  private static String ascii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        try {
          return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAName) {
          return name;
        }
      }
    }
    return name;
  }

  /** One entry: how it was written, and whether it matches a host (an IP address or not) and port. */
  private interface Entry {
    String written();

    boolean matches(String host, String port, Optional<IpLiteral> ip);
  }

  private record Everything() implements Entry {
    @Override
    public String written() {
      return "*";
    }

    @Override
    public boolean matches(String host, String port, Optional<IpLiteral> ip) {
      return true;
    }
  }

  /** A CIDR range: IP hosts in it, on any port. */
  private record Range(String written, IpLiteral network, int prefix) implements Entry {

    static Optional<Entry> parse(String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      String bits = text.substring(slash + 1);
      Optional<IpLiteral> network = IpLiteral.parse(text.substring(0, slash));
      if (network.isEmpty() || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
          || (bits.length() > 1 && bits.charAt(0) == '0')) {
        return Optional.empty();
      }
      int prefix = Integer.parseInt(bits);
      // An IPv6 range is written with IPv6 bits even where its address is IPv4-mapped.
      int written = text.substring(0, slash).indexOf(':') >= 0 ? 128 : 32;
      if (prefix > written) {
        return Optional.empty();
      }
      int ownBits = network.get().bits();
      int effective = ownBits == written ? prefix : prefix - (written - ownBits);
      if (effective < 0) {
        return Optional.empty();
      }
      return Optional.of(new Range(text, network.get(), effective));
    }

    @Override
    public boolean matches(String host, String port, Optional<IpLiteral> ip) {
      return ip.isPresent() && ip.get().inNetwork(network, prefix);
    }
  }

  /** One IP address, on one port or any. */
  private record Address(String written, IpLiteral address, String port) implements Entry {
    @Override
    public boolean matches(String host, String port, Optional<IpLiteral> ip) {
      return ip.isPresent() && ip.get().equals(address) && (this.port.isEmpty() || this.port.equals(port));
    }
  }

  /** A domain and its subdomains (or only the subdomains), on one port or any; never an IP host. */
  private record Domain(String written, String suffix, String port, boolean matchesItself) implements Entry {
    @Override
    public boolean matches(String host, String port, Optional<IpLiteral> ip) {
      if (ip.isPresent()) {
        return false;
      }
      boolean named = host.endsWith(suffix) || (matchesItself && host.equals(suffix.substring(1)));
      return named && (this.port.isEmpty() || this.port.equals(port));
    }
  }
}
