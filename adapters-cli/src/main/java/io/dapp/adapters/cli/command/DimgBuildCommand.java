package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.BuildOptionsMixin;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "build", mixinStandardHelpOptions = true, description = {"Build dimgs from the dappfile without a docker daemon (default: all).", "Category: build: base images are pulled under the build login rules."})
public final class DimgBuildCommand extends RegistryCommand {

  @Parameters(paramLabel = "DIMG", arity = "0..*", description = "Names of dimgs from the dappfile (default: all).")
  private List<String> dimgs = new ArrayList<>();

  @Mixin
  private BuildOptionsMixin build;

  @Inject
  public DimgBuildCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_BUILD;
  }

  @Override
  protected CommandOptions commandOptions() throws InvalidInputException {
    return CommandOptions.of(build.buildOptions(options.registryOptions().defaultPlatform()));
  }

  @Override
  protected boolean quiet() {
    return build.quiet();
  }

  @Override
  protected RegistryOptions registryOptions() throws InvalidInputException {
    return build.registryOptions(options.registryOptions());
  }

  @Override
  protected Optional<String> repositoryArgument() {
    return Optional.empty();
  }

  @Override
  protected List<String> dimgArguments() {
    return List.copyOf(dimgs);
  }
}
