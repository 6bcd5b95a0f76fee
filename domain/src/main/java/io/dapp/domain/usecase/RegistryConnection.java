package io.dapp.domain.usecase;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.HostAndPort;
import io.dapp.domain.network.ProxyRoute;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How dapp would reach one registry, worked out from the options alone (no file read, no connection made):
 * for {@code login-plan} and {@code --debug}.
 *
 * @param mirrorOf the registry this one mirrors ({@code docker.io}), when it is a mirror
 * @param https how an HTTPS request to its API goes (through a proxy or not, and why)
 * @param http how a plain-HTTP request goes, when plain HTTP is allowed to it
 * @param certificateDirectories the certs.d directories of its CA files and client certificates
 */
public record RegistryConnection(RegistryHost host, Optional<RegistryHost> mirrorOf, ProxyRoute https,
    Optional<ProxyRoute> http, List<Path> certificateDirectories) {

  public RegistryConnection {
    Objects.requireNonNull(host, "'host' must not be null");
    Objects.requireNonNull(mirrorOf, "'mirrorOf' must not be null");
    Objects.requireNonNull(https, "'https' must not be null");
    Objects.requireNonNull(http, "'http' must not be null");
    certificateDirectories = List.copyOf(certificateDirectories);
  }

  public static RegistryConnection of(RegistryHost host, RegistryOptions options) {
    HostAndPort address = HostAndPort.of(host.apiAuthority());
    String hostname = address.host();
    boolean mirror = options.mirrors().stream().map(RegistryMirror::host).anyMatch(host::equals);
    Optional<ProxyRoute> http = options.allowsPlainHttp(host)
        ? Optional.of(options.network().proxies().route("http", hostname, address.portOr(80))) : Optional.empty();
    return new RegistryConnection(host, mirror ? Optional.of(RegistryHost.DOCKER_HUB) : Optional.empty(),
        options.network().proxies().route("https", hostname, address.portOr(443)), http,
        options.network().tls().directoriesFor(hostname, address.portOr(443)));
  }
}
