package io.dapp.domain.usecase;

import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Repository;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One call of a registry command, as the command line gave it; it holds no secret. */
public record CommandInvocation(
    DappCommand command,
    Optional<Repository> repository,
    List<String> dimgs,
    Path projectDirectory,
    LoginOptions loginOptions,
    BuildOptions buildOptions) {

  public CommandInvocation {
    Objects.requireNonNull(command, "'command' must not be null");
    Objects.requireNonNull(repository, "'repository' must not be null");
    dimgs = List.copyOf(dimgs);
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    Objects.requireNonNull(loginOptions, "'loginOptions' must not be null");
    Objects.requireNonNull(buildOptions, "'buildOptions' must not be null");
    if (command.takesRepository() && repository.isEmpty()) {
      throw new IllegalArgumentException("'" + command.displayName() + "' needs a repository");
    }
  }

  /** An invocation of a command that builds nothing, or builds with the default options. */
  public CommandInvocation(DappCommand command, Optional<Repository> repository, List<String> dimgs,
      Path projectDirectory, LoginOptions loginOptions) {
    this(command, repository, dimgs, projectDirectory, loginOptions, BuildOptions.DEFAULT);
  }
}
