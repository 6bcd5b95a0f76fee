package io.dapp.adapters.registry;

import io.dapp.domain.network.ProxyAddress;
import io.dapp.domain.network.ProxySettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;

/**
 * Makes a failure of the proxy read as one: placed in HttpClient's chain around the step that connects (and
 * tunnels), it turns a proxy that cannot be reached, and a {@code CONNECT} the proxy answers with anything but
 * 200 (HttpClient would hand that answer on as if the registry had said it), into a
 * {@link ProxyFailureException} naming the proxy as the environment set it, without its credentials.
 */
final class ProxyExchanges implements ExecChainHandler {

  /** Context attribute: set once a request went past the tunnel, to its target. */
  private static final String REACHED_TARGET = "io.dapp.registry.reached-target";

  private final ProxySettings proxies;

  ProxyExchanges(ProxySettings proxies) {
    this.proxies = proxies;
  }

  /** Placed after the step that connects: marks the request as having reached its target. */
  static ExecChainHandler marker() {
    return (request, scope, chain) -> {
      scope.clientContext.setAttribute(REACHED_TARGET, Boolean.TRUE);
      return chain.proceed(request, scope);
    };
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    HttpRoute route = scope.route;
    HttpHost proxy = route.getProxyHost();
    if (proxy == null) {
      return chain.proceed(request, scope);
    }
    ClassicHttpResponse response;
    try {
      response = chain.proceed(request, scope);
    } catch (ConnectException | UnknownHostException | NoRouteToHostException | ConnectTimeoutException e) {
      // HttpClient's own message names the proxy again: the kind of failure says it all.
      throw new ProxyFailureException("the proxy " + describe(route) + " could not be reached: "
          + (e instanceof ConnectTimeoutException ? "timed out" : Transience.kind(e)), e);
    }
    if (route.isTunnelled() && scope.clientContext.getAttribute(REACHED_TARGET) == null) {
      String status = response.getCode() + (response.getReasonPhrase() == null ? "" : " " + response.getReasonPhrase());
      response.close();
      throw new ProxyFailureException("the proxy " + describe(route) + " refused to open a tunnel to "
          + route.getTargetHost().toHostString() + ": " + status + (response.getCode() == 407
          ? " (the user and password in $" + variable(route) + " were not accepted, or none were given)" : ""), null);
    }
    return response;
  }

  private String describe(HttpRoute route) {
    return proxy(route).map(ProxyAddress::describe).orElse("http://" + route.getProxyHost().toHostString());
  }

  private String variable(HttpRoute route) {
    return proxy(route).map(ProxyAddress::variable).orElse("HTTPS_PROXY");
  }

  /** The proxy of the route, as the environment named it. */
  private Optional<ProxyAddress> proxy(HttpRoute route) {
    HttpHost target = route.getTargetHost();
    int port = target.getPort() >= 0 ? target.getPort() : route.isSecure() ? 443 : 80;
    return proxies.route(target.getSchemeName(), target.getHostName(), port).proxy();
  }
}
