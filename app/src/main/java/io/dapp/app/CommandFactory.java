package io.dapp.app;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;
import picocli.CommandLine;

/** picocli's factory backed by Dagger: commands with dependencies come from the component. */
final class CommandFactory implements CommandLine.IFactory {

  private final Map<Class<?>, Provider<Object>> commands;

  @Inject
  CommandFactory(Map<Class<?>, Provider<Object>> commands) {
    this.commands = commands;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Provider<Object> command = commands.get(type);
    // Groups, mixins and converters have no dependencies: picocli builds those itself.
    return command != null ? type.cast(command.get()) : CommandLine.defaultFactory().create(type);
  }
}
