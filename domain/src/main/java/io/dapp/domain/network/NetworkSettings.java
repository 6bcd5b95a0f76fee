package io.dapp.domain.network;

import java.util.Objects;

/**
 * How dapp's connections to registries, token services and object storage are made: the TLS trust and
 * client certificates ({@link TlsSettings}) and the proxies ({@link ProxySettings}). Plain values, resolved
 * from options and the environment; the registry adapter reads the files they name and applies them.
 */
public record NetworkSettings(TlsSettings tls, ProxySettings proxies) {

  public static final NetworkSettings DEFAULT = new NetworkSettings(TlsSettings.DEFAULT, ProxySettings.NONE);

  public NetworkSettings {
    Objects.requireNonNull(tls, "'tls' must not be null");
    Objects.requireNonNull(proxies, "'proxies' must not be null");
  }

  public NetworkSettings withTls(TlsSettings settings) {
    return new NetworkSettings(settings, proxies);
  }

  public NetworkSettings withProxies(ProxySettings settings) {
    return new NetworkSettings(tls, settings);
  }
}
