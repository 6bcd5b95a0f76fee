package io.dapp.domain.usecase;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.NetworkSettings;
import io.dapp.domain.network.ProxySettings;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.port.Environment;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the environment adds to a command line's registry options, for the command that runs and for
 * {@code login-plan} alike:
 * <ul>
 *   <li>{@code $DAPP_INSECURE_REGISTRY}: more plain-HTTP registries, besides {@code --insecure-registry};</li>
 *   <li>{@code $DAPP_REGISTRY_MIRROR}: Docker Hub's mirrors, comma-separated, unless {@code --registry-mirror}
 *       names some (the option replaces the variable);</li>
 *   <li>{@code $DAPP_CERT_DIR}: the certs.d directory, unless {@code --cert-dir} names one;</li>
 *   <li>{@code $SSL_CERT_FILE} and {@code $SSL_CERT_DIR}: extra roots for every host;</li>
 *   <li>{@code $HTTPS_PROXY}, {@code $HTTP_PROXY}, {@code $NO_PROXY} and their lower-case forms.</li>
 * </ul>
 * The local commands talk to no registry: for them the environment is not read at all.
 */
public final class RegistryEnvironment {

  public static final String DAPP_INSECURE_REGISTRY = "DAPP_INSECURE_REGISTRY";
  public static final String DAPP_REGISTRY_MIRROR = "DAPP_REGISTRY_MIRROR";
  public static final String DAPP_CERT_DIR = "DAPP_CERT_DIR";
  public static final String SSL_CERT_FILE = "SSL_CERT_FILE";
  public static final String SSL_CERT_DIR = "SSL_CERT_DIR";

  private RegistryEnvironment() {}

  /**
   * The invocation with the environment's registry settings merged in.
   *
   * @throws InvalidInputException when a variable holds something dapp cannot use; the message names it
   */
  public static CommandInvocation apply(CommandInvocation invocation, Environment environment)
      throws InvalidInputException {
    if (invocation.command().isLocal()) {
      return invocation;
    }
    Map<String, String> variables = environment.variables();
    RegistryOptions options = invocation.registryOptions();
    options = withInsecureRegistries(options, environment.variable(DAPP_INSECURE_REGISTRY));
    if (options.mirrors().isEmpty()) {
      options = options.withMirrors(mirrors(environment.variable(DAPP_REGISTRY_MIRROR)));
    }
    TlsSettings tls = options.network().tls();
    if (tls.certDirectory().isEmpty()) {
      Optional<String> certDir = environment.variable(DAPP_CERT_DIR);
      if (certDir.isPresent()) {
        tls = tls.withCertDirectory(Optional.of(new CertDirectory(path(DAPP_CERT_DIR, certDir.get()),
            "$" + DAPP_CERT_DIR)));
      }
    }
    Optional<Path> sslCertFile = environment.variable(SSL_CERT_FILE).isPresent()
        ? Optional.of(path(SSL_CERT_FILE, environment.variable(SSL_CERT_FILE).get())) : Optional.empty();
    List<Path> sslCertDirectories = new ArrayList<>();
    for (String directory : environment.variable(SSL_CERT_DIR).orElse("").split(":")) {
      if (!directory.isBlank()) {
        sslCertDirectories.add(path(SSL_CERT_DIR, directory.trim()));
      }
    }
    tls = tls.withExtraRoots(sslCertFile, sslCertDirectories);
    NetworkSettings network = new NetworkSettings(tls, ProxySettings.from(variables));
    return invocation.withRegistryOptions(options.withNetwork(network));
  }

  private static RegistryOptions withInsecureRegistries(RegistryOptions options, Optional<String> listed)
      throws InvalidInputException {
    if (listed.isEmpty()) {
      return options;
    }
    Set<RegistryHost> insecure = new LinkedHashSet<>(options.insecureRegistries());
    for (String address : listed.get().split(",")) {
      if (!address.isBlank()) {
        insecure.add(RegistryHost.parse(address));
      }
    }
    return options.withInsecureRegistries(insecure);
  }

  private static List<RegistryMirror> mirrors(Optional<String> listed) throws InvalidInputException {
    List<RegistryMirror> mirrors = new ArrayList<>();
    for (String url : listed.orElse("").split(",")) {
      if (!url.isBlank()) {
        RegistryMirror mirror = RegistryMirror.parse("$" + DAPP_REGISTRY_MIRROR, url);
        if (!mirrors.contains(mirror)) {
          mirrors.add(mirror);
        }
      }
    }
    return mirrors;
  }

  private static Path path(String variable, String value) throws InvalidInputException {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new InvalidInputException("$" + variable + ": not a valid path");
    }
  }
}
