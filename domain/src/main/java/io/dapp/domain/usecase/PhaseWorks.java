package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.Console;
import java.util.EnumMap;
import java.util.Map;

/**
 * The work of a command with several phases, one work per phase ({@code bp}: build, then push). A phase
 * without its work fails plainly, like a command without any.
 */
public final class PhaseWorks implements RegistryWork {

  private final Map<CommandCategory, RegistryWork> works;

  public PhaseWorks(Map<CommandCategory, RegistryWork> works) {
    this.works = works.isEmpty() ? new EnumMap<>(CommandCategory.class) : new EnumMap<>(works);
  }

  @Override
  public WorkResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session, Console console)
      throws DappException {
    RegistryWork work = works.get(phase);
    if (work == null) {
      throw RegistryWorks.notAvailableYet(invocation.command(), phase, session);
    }
    return work.perform(invocation, phase, session, console);
  }
}
