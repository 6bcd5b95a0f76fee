package io.dapp.domain.usecase;

import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a registry command, as the command line gave it; it holds no secret.
 *
 * @param commandOptions the options of this command only (tag options, deploy options...)
 */
public record CommandInvocation(
    DappCommand command,
    Optional<Repository> repository,
    List<String> dimgs,
    Path projectDirectory,
    LoginOptions loginOptions,
    RegistryOptions registryOptions,
    CommandOptions commandOptions) {

  public CommandInvocation {
    Objects.requireNonNull(command, "'command' must not be null");
    Objects.requireNonNull(repository, "'repository' must not be null");
    dimgs = List.copyOf(dimgs);
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    Objects.requireNonNull(loginOptions, "'loginOptions' must not be null");
    Objects.requireNonNull(registryOptions, "'registryOptions' must not be null");
    Objects.requireNonNull(commandOptions, "'commandOptions' must not be null");
    if (command.takesRepository() && repository.isEmpty()) {
      throw new IllegalArgumentException("'" + command.displayName() + "' needs a repository");
    }
  }

  /** Without command-specific options. */
  public CommandInvocation(DappCommand command, Optional<Repository> repository, List<String> dimgs,
      Path projectDirectory, LoginOptions loginOptions, RegistryOptions registryOptions) {
    this(command, repository, dimgs, projectDirectory, loginOptions, registryOptions, CommandOptions.none());
  }

  /** With the default registry options (no insecure registries, linux/amd64) and no command-specific options. */
  public CommandInvocation(DappCommand command, Optional<Repository> repository, List<String> dimgs,
      Path projectDirectory, LoginOptions loginOptions) {
    this(command, repository, dimgs, projectDirectory, loginOptions, RegistryOptions.defaults());
  }

  public CommandInvocation withRegistryOptions(RegistryOptions options) {
    return new CommandInvocation(command, repository, dimgs, projectDirectory, loginOptions, options, commandOptions);
  }

  public CommandInvocation withCommandOptions(CommandOptions options) {
    return new CommandInvocation(command, repository, dimgs, projectDirectory, loginOptions, registryOptions, options);
  }
}
