package io.dapp.domain.registry;

import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry factory fake: every client is the one in-memory registry, and logins are checked against
 * the passwords registered per host (a host with none registered accepts anyone, as an open registry does).
 */
public final class InMemoryRegistryClientFactory implements RegistryClientFactory {

  private final InMemoryRegistryClient registry;
  private final Map<RegistryHost, Credentials> accepted = new HashMap<>();
  private final List<String> verifications = new ArrayList<>();
  private final List<DockerConfig> openedWith = new ArrayList<>();

  public InMemoryRegistryClientFactory(InMemoryRegistryClient registry) {
    this.registry = registry;
  }

  public InMemoryRegistryClientFactory() {
    this(new InMemoryRegistryClient());
  }

  /** From now on {@code host} accepts only these credentials. */
  public InMemoryRegistryClientFactory accepting(RegistryHost host, Credentials credentials) {
    accepted.put(host, credentials);
    return this;
  }

  /** "user@host" for each login verified, in order. */
  public List<String> verifications() {
    return List.copyOf(verifications);
  }

  public List<DockerConfig> openedWith() {
    return List.copyOf(openedWith);
  }

  public InMemoryRegistryClient registry() {
    return registry;
  }

  @Override
  public RegistryClient open(DockerConfig dockerConfig, RegistryOptions options) {
    openedWith.add(dockerConfig);
    return registry;
  }

  @Override
  public void verifyLogin(RegistryHost host, Credentials credentials, RegistryOptions options)
      throws RegistryException {
    verifications.add(credentials.username() + "@" + host);
    Optional<Credentials> expected = Optional.ofNullable(accepted.get(host));
    if (expected.isPresent() && !expected.get().equals(credentials)) {
      throw new LoginRejectedException(host, credentials.username(), "incorrect username or password");
    }
  }

  /** Nothing is on disk here: the directories a real adapter would look in, none of them holding a file. */
  @Override
  public io.dapp.domain.network.TlsFiles tlsFiles(RegistryHost host, RegistryOptions options) {
    return new io.dapp.domain.network.TlsFiles(options.network().tls().directoriesFor(host.hostname(), 443),
        java.util.List.of(), java.util.List.of(), java.util.List.of());
  }
}
