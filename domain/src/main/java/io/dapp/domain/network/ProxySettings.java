package io.dapp.domain.network;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxies of the environment, read as Go's {@code httpproxy.FromEnvironment} reads them, which is how
 * docker, skopeo and the other Go tools of a CI job read them:
 * <ul>
 *   <li>{@code HTTPS_PROXY} (else {@code https_proxy}) for {@code https://} URLs, through a {@code CONNECT}
 *       tunnel, so that the proxy sees neither the registry's {@code Authorization} nor what is transferred;</li>
 *   <li>{@code HTTP_PROXY} (else {@code http_proxy}) for {@code http://} URLs only (an HTTPS request never
 *       falls back to it);</li>
 *   <li>{@code NO_PROXY} (else {@code no_proxy}): the hosts that go around them (see {@link NoProxy});</li>
 *   <li>{@code localhost} and loopback addresses ({@code 127.0.0.0/8}, {@code ::1}) are never proxied, whatever
 *       the variables say;</li>
 * </ul>
 * An empty variable is unset. Unlike Go, which ignores a proxy value it cannot read, dapp refuses it (exit 2,
 * naming the variable, never quoting the value): a job that silently went around its proxy would fail later
 * and further from the cause. Go's refusal of {@code HTTP_PROXY} in a CGI handler does not apply: dapp is
 * never one.
 */
public record ProxySettings(Optional<ProxyAddress> http, Optional<ProxyAddress> https, NoProxy noProxy,
    String noProxyVariable) {

  public static final ProxySettings NONE = new ProxySettings(Optional.empty(), Optional.empty(), NoProxy.NONE, "NO_PROXY");

  public ProxySettings {
    Objects.requireNonNull(http, "'http' must not be null");
    Objects.requireNonNull(https, "'https' must not be null");
    Objects.requireNonNull(noProxy, "'noProxy' must not be null");
    Objects.requireNonNull(noProxyVariable, "'noProxyVariable' must not be null");
  }

  /**
   * The proxies {@code variables} name.
   *
   * @throws InvalidInputException when a proxy variable holds no proxy URL; the message names the variable only
   */
  public static ProxySettings from(Map<String, String> variables) throws InvalidInputException {
    Objects.requireNonNull(variables, "'variables' must not be null");
    Optional<String> httpVariable = firstSet(variables, "HTTP_PROXY", "http_proxy");
    Optional<String> httpsVariable = firstSet(variables, "HTTPS_PROXY", "https_proxy");
    Optional<String> noProxyVariable = firstSet(variables, "NO_PROXY", "no_proxy");
    Optional<ProxyAddress> http = httpVariable.isEmpty() ? Optional.empty()
        : Optional.of(ProxyAddress.parse(httpVariable.get(), variables.get(httpVariable.get())));
    Optional<ProxyAddress> https = httpsVariable.isEmpty() ? Optional.empty()
        : Optional.of(ProxyAddress.parse(httpsVariable.get(), variables.get(httpsVariable.get())));
    return new ProxySettings(http, https,
        noProxyVariable.map(name -> new NoProxy(variables.get(name))).orElse(NoProxy.NONE),
        noProxyVariable.orElse("NO_PROXY"));
  }

  private static Optional<String> firstSet(Map<String, String> variables, String... names) {
    for (String name : names) {
      String value = variables.get(name);
      if (value != null && !value.isEmpty()) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** Whether any proxy is set at all. */
  public boolean any() {
    return http.isPresent() || https.isPresent();
  }

  /**
   * How a request to {@code scheme://host:port} goes. {@code host} is a host name or an IP address, with or
   * without the brackets of an IPv6 address in a URL.
   */
  public ProxyRoute route(String scheme, String host, int port) {
    Objects.requireNonNull(scheme, "'scheme' must not be null");
    Objects.requireNonNull(host, "'host' must not be null");
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    Optional<ProxyAddress> proxy = lowerScheme.equals("https") ? https : lowerScheme.equals("http") ? http
        : Optional.empty();
    if (proxy.isEmpty()) {
      return ProxyRoute.direct((lowerScheme.equals("https") ? "$HTTPS_PROXY" : "$HTTP_PROXY") + " is not set");
    }
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    name = name.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || IpLiteral.parse(name).filter(IpLiteral::isLoopback).isPresent()) {
      return ProxyRoute.direct("localhost and loopback addresses never go through a proxy");
    }
    Optional<String> bypass = noProxy.bypassFor(name, port);
    if (bypass.isPresent()) {
      return ProxyRoute.direct("$" + noProxyVariable + " entry '" + bypass.get() + "' matches");
    }
    return ProxyRoute.via(proxy.get());
  }

  /** What the variables say, for {@code --debug}: proxies without credentials, and {@code NO_PROXY} as it is. */
  public String describe() {
    if (!any()) {
      return "no proxy ($HTTPS_PROXY and $HTTP_PROXY are not set)";
    }
    return "https: " + https.map(ProxyAddress::describe).orElse("direct ($HTTPS_PROXY is not set)")
        + "; http: " + http.map(ProxyAddress::describe).orElse("direct ($HTTP_PROXY is not set)")
        + "; $" + noProxyVariable + ": " + (noProxy.value().isBlank() ? "(not set)" : UserText.quote(noProxy.value()));
  }
}
