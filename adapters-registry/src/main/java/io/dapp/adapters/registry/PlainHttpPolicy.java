package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.registry.RegistryOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which URLs dapp may speak to without TLS. Every scheme decision of the adapter is made here, without
 * DNS: HTTPS is always allowed; plain HTTP only to a loopback host (127.0.0.0/8, {@code localhost},
 * {@code [::1]}: nothing leaves the machine) or to a host listed with {@code --insecure-registry} /
 * {@code DAPP_INSECURE_REGISTRY}; any other scheme never. {@link JerseyTransport} asks it before every
 * request, so no code path (ping, redirect, upload location, token realm, tag page) can get around it.
 */
final class PlainHttpPolicy {

  /** Hosts a command speaks to are few; remembering more than this many decisions is not worth it. */
  private static final int REMEMBERED = 64;

  private final RegistryOptions options;
  /**
   * Plain HTTP decisions by {@code host:port}: deciding parses a registry host (regular expressions), which
   * every request of a thousand-tag cleanup would otherwise repeat for the same one or two hosts.
   */
  private final Map<String, Boolean> plainHttpDecisions = new ConcurrentHashMap<>();

  PlainHttpPolicy(RegistryOptions options) {
    this.options = Objects.requireNonNull(options, "'options' must not be null");
  }

  /** Whether a request may be sent to {@code uri}. */
  boolean permits(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return true;
    }
    return scheme.equals("http") && permitsPlainHttp(uri);
  }

  /**
   * A listed host matches with the URL's port ({@code registry.local:5000}) or, when the URL uses HTTP's
   * default port, without one ({@code registry.local}).
   */
  private boolean permitsPlainHttp(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    String key = host + ":" + uri.getPort();
    Boolean known = plainHttpDecisions.get(key);
    if (known != null) {
      return known;
    }
    boolean decided = decidePlainHttp(host.toLowerCase(Locale.ROOT), uri.getPort());
    if (plainHttpDecisions.size() < REMEMBERED) {
      plainHttpDecisions.put(key, decided);
    }
    return decided;
  }

  private boolean decidePlainHttp(String host, int port) {
    return allows(port >= 0 ? host + ":" + port : host) || ((port < 0 || port == 80) && allows(host));
  }

  private boolean allows(String authority) {
    try {
      return options.allowsPlainHttp(new RegistryHost(authority));
    } catch (IllegalArgumentException notARegistryHost) {
      return false;
    }
  }

  /**
   * The schemes a ping tries, in order. Loopback registries usually speak plain HTTP, so it goes first
   * there; a host listed as insecure still gets HTTPS first; every other host gets HTTPS only.
   */
  List<String> pingSchemes(RegistryHost host) {
    if (!options.allowsPlainHttp(host)) {
      return List.of("https");
    }
    return host.isLoopback() ? List.of("http", "https") : List.of("https", "http");
  }
}
