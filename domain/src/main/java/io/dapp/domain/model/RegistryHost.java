package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registry address as docker names it: a lower-case host name or IP literal with an optional port.
 * Docker Hub has three spellings; all are normalised to {@code docker.io} so that comparisons (is this
 * image in CI_REGISTRY? which config.json entry applies?) are made on one canonical value.
 */
public record RegistryHost(String name) {

  private static final Set<String> DOCKER_HUB_ALIASES =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f:.]+\\]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  // Declared after the patterns: static fields initialise in order, and the constructor uses them.
  public static final RegistryHost DOCKER_HUB = new RegistryHost("docker.io");

  public RegistryHost {
    Objects.requireNonNull(name, "'name' must not be null");
    if (!isValid(name)) {
      throw new IllegalArgumentException(UserText.quote(name) + " is not a registry host");
    }
    if (DOCKER_HUB_ALIASES.contains(name)) {
      name = "docker.io";
    }
  }

  /**
   * Parses a registry address as users and CI systems write it: {@code registry.example.com},
   * {@code registry.example.com:5050}, {@code https://registry.example.com/v2/}.
   */
  public static RegistryHost parse(String address) throws InvalidReferenceException {
    Objects.requireNonNull(address, "'address' must not be null");
    String host = address.trim();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (!isValid(host)) {
      throw new InvalidReferenceException("invalid registry address " + UserText.quote(address));
    }
    return new RegistryHost(host);
  }

  static boolean isValid(String candidate) {
    String host = candidate;
    String port = null;
    int colon = candidate.lastIndexOf(':');
    if (colon >= 0 && candidate.indexOf(']') < colon) {
      host = candidate.substring(0, colon);
      port = candidate.substring(colon + 1);
    }
    if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) == 0
        || Integer.parseInt(port) > 65535)) {
      return false;
    }
    if (IPV6_LITERAL.matcher(host).matches()) {
      return true;
    }
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The host name or IP literal without the port. */
  public String hostname() {
    int colon = name.lastIndexOf(':');
    return colon >= 0 && name.indexOf(']') < colon ? name.substring(0, colon) : name;
  }

  public boolean isDockerHub() {
    return name.equals("docker.io");
  }

  /** Google Container Registry's official addresses: gcr.io, its regional *.gcr.io, and the cloud alias. */
  public boolean isGoogleContainerRegistry() {
    String host = hostname();
    return host.equals("gcr.io") || host.endsWith(".gcr.io") || host.equals("container.cloud.google.com");
  }

  /** Loopback hosts may be spoken to over plain HTTP: nothing leaves the machine. */
  public boolean isLoopback() {
    String host = hostname();
    return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.[0-9]{1,3}){3}");
  }

  /** The host that serves the Registry API: Docker Hub's API lives on registry-1.docker.io. */
  public String apiAuthority() {
    return isDockerHub() ? "registry-1.docker.io" : name;
  }

  @Override
  public String toString() {
    return name;
  }
}
