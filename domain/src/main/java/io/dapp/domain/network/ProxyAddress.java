package io.dapp.domain.network;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A forward proxy, as {@code HTTPS_PROXY} or {@code HTTP_PROXY} names it: {@code http://[USER[:PASSWORD]@]HOST[:PORT]}
 * or, as Go reads it, the same without {@code http://}. The port defaults to 80, as in Go. Proxies are spoken
 * to in plain HTTP; HTTPS goes through them in a {@code CONNECT} tunnel. What the URL says after the port (a
 * path) is ignored, as Go ignores it.
 *
 * <p>{@link #toString()} is {@code http://HOST:PORT}: the credentials are never shown, not even the user, and no
 * error message quotes the variable's value.
 *
 * @param variable the environment variable it came from, for messages ({@code HTTPS_PROXY}, {@code https_proxy})
 */
public record ProxyAddress(String host, int port, Optional<ProxyCredentials> credentials, String variable) {

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
  private static final String FORM = "expected http://[USER:PASSWORD@]HOST[:PORT]";

  public ProxyAddress {
    Objects.requireNonNull(host, "'host' must not be null");
    Objects.requireNonNull(credentials, "'credentials' must not be null");
    Objects.requireNonNull(variable, "'variable' must not be null");
    if (!isHost(host)) {
      throw new IllegalArgumentException("a proxy host must be a host name or an IP address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a proxy port must be from 1 to 65535");
    }
  }

  /**
   * Reads a proxy variable's value.
   *
   * @throws InvalidInputException naming the variable, never quoting the value (it may hold a password)
   */
  public static ProxyAddress parse(String variable, String value) throws InvalidInputException {
    Objects.requireNonNull(variable, "'variable' must not be null");
    Objects.requireNonNull(value, "'value' must not be null");
    String text = value.trim();
    String rest;
    if (SCHEME.matcher(text).matches()) {
      String scheme = text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http")) {
        throw new InvalidInputException("$" + variable + ": " + (scheme.equals("https")
            ? "a proxy spoken to over TLS (https://) is not supported; name it with http://"
            : scheme.startsWith("socks") ? "SOCKS proxies are not supported; name an HTTP proxy with http://"
            : "not a proxy URL (" + FORM + ")"));
      }
      rest = text.substring(text.indexOf("://") + 3);
    } else {
      rest = text;
    }
    int end = firstOf(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    Optional<ProxyCredentials> credentials = Optional.empty();
    if (at >= 0) {
      credentials = Optional.of(credentials(variable, authority.substring(0, at)));
      authority = authority.substring(at + 1);
    }
    String host;
    String port = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw invalid(variable);
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw invalid(variable);
        }
        port = after.substring(1);
      }
      if (IpLiteral.parse(host).isEmpty() || host.indexOf(':') < 0) {
        throw invalid(variable);
      }
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon + 1);
    }
    if (!isHost(host)) {
      throw invalid(variable);
    }
    return new ProxyAddress(host.toLowerCase(Locale.ROOT), port(variable, port), credentials, variable);
  }

  /** {@code http://HOST:PORT ($VARIABLE)}: how messages and {@code --debug} name it. */
  public String describe() {
    return this + " ($" + variable + ")";
  }

  /** {@code HOST:PORT} as a URL writes it: an IPv6 address in brackets. */
  public String authority() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "http://" + authority();
  }

  private static boolean isHost(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    return host.indexOf(':') >= 0 ? IpLiteral.parse(host).isPresent() : HOST_NAME.matcher(host).matches();
  }

  private static int port(String variable, String port) throws InvalidInputException {
    if (port.isEmpty()) {
      return 80;
    }
    if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidInputException("$" + variable + ": the proxy's port is not a number from 1 to 65535");
    }
    int value = Integer.parseInt(port);
    if (value < 1 || value > 65535) {
      throw new InvalidInputException("$" + variable + ": the proxy's port is not a number from 1 to 65535");
    }
    return value;
  }

  private static ProxyCredentials credentials(String variable, String userInfo) throws InvalidInputException {
    int colon = userInfo.indexOf(':');
    String user = decode(variable, colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(variable, userInfo.substring(colon + 1));
    if (user.isEmpty() || user.contains(":")) {
      throw new InvalidInputException("$" + variable + ": the proxy URL's user name is empty or holds ':' ("
          + FORM + ")");
    }
    return new ProxyCredentials(user, password.isEmpty() ? Optional.empty() : Optional.of(Secret.of(password)));
  }

  /** Percent-escapes decoded as in a URL's user information ({@code p%40ss} is {@code p@ss}); '+' stays '+'. */
  private static String decode(String variable, String text) throws InvalidInputException {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("$" + variable + ": the proxy URL's user or password has a malformed % escape");
    }
  }

  private static int firstOf(String text, String characters) {
    int first = -1;
    for (char c : characters.toCharArray()) {
      int at = text.indexOf(c);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  private static InvalidInputException invalid(String variable) {
    return new InvalidInputException("$" + variable + ": not a proxy URL (" + FORM + ")");
  }
}
