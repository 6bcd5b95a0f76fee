package io.dapp.domain.registry;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.TlsFiles;
import io.dapp.domain.port.DockerConfig;

/** Opens registry clients; the port the registry adapter implements. */
public interface RegistryClientFactory {

  /**
   * A client that authenticates with what {@code dockerConfig} holds for each registry it talks to (read
   * when a registry is first used), or anonymously where it holds nothing, and connects as
   * {@link RegistryOptions#network()} says. Its methods throw {@link InvalidInputException} for a TLS file
   * (a CA, a client certificate or key) that cannot be used, when a connection first needs it.
   */
  RegistryClient open(DockerConfig dockerConfig, RegistryOptions options);

  /**
   * Verifies credentials the way {@code docker login} does: ping the registry, then authenticate with
   * them (Basic, or a token request for the registry's token service). A registry that needs no
   * credentials accepts any.
   *
   * @throws LoginRejectedException when the registry or its token service rejects them; the message is
   *     {@code login to HOST as USER failed: <registry message>}
   * @throws RegistryException when the registry cannot be reached or answers nonsense
   * @throws InvalidInputException when a TLS file for the registry cannot be used
   */
  void verifyLogin(RegistryHost host, Credentials credentials, RegistryOptions options)
      throws RegistryException, InvalidInputException;

  /**
   * The TLS files a connection to {@code host} would use besides the JVM's roots, as found (listed, not read):
   * for {@code --debug}. Reads no file's content and opens no connection.
   */
  TlsFiles tlsFiles(RegistryHost host, RegistryOptions options);
}
