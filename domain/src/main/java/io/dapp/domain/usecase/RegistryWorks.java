package io.dapp.domain.usecase;

import io.dapp.domain.error.NotAvailableYetException;
import io.dapp.domain.model.CommandCategory;
import java.util.EnumMap;
import java.util.Map;

/**
 * The registry work each command does. A command whose work is not built yet fails plainly, after its
 * login procedure ran, rather than pretending to succeed.
 */
public final class RegistryWorks {

  private final Map<DappCommand, RegistryWork> works;

  public RegistryWorks(Map<DappCommand, RegistryWork> works) {
    this.works = works.isEmpty() ? new EnumMap<>(DappCommand.class) : new EnumMap<>(works);
  }

  public RegistryWork forCommand(DappCommand command) {
    RegistryWork work = works.get(command);
    if (work != null) {
      return work;
    }
    return (invocation, phase, session, console) -> {
      throw notAvailableYet(command, phase, session);
    };
  }

  /** The failure of a command phase whose work is not built yet. */
  static NotAvailableYetException notAvailableYet(DappCommand command, CommandCategory phase, LoginSession session) {
    return new NotAvailableYetException("dapp " + command.displayName() + ": the " + phase.displayName()
        + " work (login procedure done: " + describe(session) + ")");
  }

  private static String describe(LoginSession session) {
    return switch (session.plan().decidingRule()) {
      case COMMAND_LINE_CREDENTIALS, CLEANUP_PASSWORD, AUTOLOGIN -> "login by dapp";
      case EXTERNAL_DOCKER_CONFIG -> "external docker config";
      case DEFAULT_DOCKER_CONFIG -> "default docker config";
      case NO_REGISTRY -> "no login needed";
    };
  }
}
