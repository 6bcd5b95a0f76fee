package io.dapp.domain.registry;

import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry factory whose clients record every call they pass on to the clients of another factory (the
 * in-memory registry, say), so a test can count what the code under test asked of the registry.
 */
public final class RecordingRegistryClientFactory implements RegistryClientFactory {

  private record Call(String method, Object[] arguments) {}

  private final RegistryClientFactory delegate;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public RecordingRegistryClientFactory(RegistryClientFactory delegate) {
    this.delegate = delegate;
  }

  /** Over the in-memory registry, every login accepted. */
  public RecordingRegistryClientFactory(InMemoryRegistryClient registry) {
    this(new InMemoryRegistryClientFactory(registry));
  }

  /** The argument at {@code position} (as text) of each call of {@code method}, in order. */
  public List<String> arguments(String method, int position) {
    return calls.stream().filter(call -> call.method().equals(method))
        .map(call -> String.valueOf(call.arguments()[position])).toList();
  }

  @Override
  public RegistryClient open(DockerConfig dockerConfig, RegistryOptions options) {
    RegistryClient client = delegate.open(dockerConfig, options);
    return (RegistryClient) Proxy.newProxyInstance(RegistryClient.class.getClassLoader(),
        new Class<?>[] {RegistryClient.class}, (proxy, method, args) -> {
          calls.add(new Call(method.getName(), args == null ? new Object[0] : args));
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public void verifyLogin(RegistryHost host, Credentials credentials, RegistryOptions options)
      throws RegistryException, io.dapp.domain.error.InvalidInputException {
    delegate.verifyLogin(host, credentials, options);
  }

  @Override
  public io.dapp.domain.network.TlsFiles tlsFiles(RegistryHost host, RegistryOptions options) {
    return delegate.tlsFiles(host, options);
  }
}
