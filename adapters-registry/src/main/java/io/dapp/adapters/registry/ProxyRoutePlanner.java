package io.dapp.adapters.registry;

import io.dapp.domain.network.ProxyAddress;
import io.dapp.domain.network.ProxySettings;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Sends each request through the proxy the environment names for its URL, or directly, as
 * {@link ProxySettings#route} decides: every request of the transport (registry, token service, the object
 * storage a blob redirects to) is routed here, so none gets around it. HTTPS goes through a {@code CONNECT}
 * tunnel; HttpClient answers the proxy's {@code 407} with the proxy's own credentials.
 */
final class ProxyRoutePlanner extends DefaultRoutePlanner {

  /** Hosts a command speaks to are few; remembering more than this many decisions is not worth it. */
  private static final int REMEMBERED = 64;

  private final ProxySettings proxies;
  private final Map<String, Optional<ProxyAddress>> decisions = new ConcurrentHashMap<>();

  ProxyRoutePlanner(ProxySettings proxies) {
    super(DefaultSchemePortResolver.INSTANCE);
    this.proxies = proxies;
  }

  @Override
  protected HttpHost determineProxy(HttpHost target, HttpContext context) {
    return proxyFor(target).map(proxy -> new HttpHost("http", proxy.host(), proxy.port())).orElse(null);
  }

  /** The proxy a request to {@code target} goes through, if any. */
  Optional<ProxyAddress> proxyFor(HttpHost target) {
    String scheme = target.getSchemeName().toLowerCase(Locale.ROOT);
    int port = target.getPort() >= 0 ? target.getPort() : scheme.equals("https") ? 443 : 80;
    String key = scheme + "://" + target.getHostName() + ":" + port;
    Optional<ProxyAddress> known = decisions.get(key);
    if (known != null) {
      return known;
    }
    Optional<ProxyAddress> decided = proxies.route(scheme, target.getHostName(), port).proxy();
    if (decisions.size() < REMEMBERED) {
      decisions.put(key, decided);
    }
    return decided;
  }
}
