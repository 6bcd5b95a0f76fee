package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.output.LoginPlanJson;
import io.dapp.adapters.cli.output.LoginPlanText;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.ExplainLoginUseCase;
import io.dapp.domain.usecase.LoginExplanation;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Explains the login procedure a command line would use: it parses that command line exactly as dapp
 * would, then asks the policy. It needs no network and reads no password.
 */
@Command(name = "login-plan", mixinStandardHelpOptions = true,
    description = {
        "Print which login procedure a dapp command would use, for which registry,",
        "as which user, from which source, and why: each rule that matched or was",
        "skipped; and how each registry would be reached: Docker Hub's mirrors, the",
        "proxy or why none, the certs.d directories of its CA files. Reads no",
        "password and opens no connection. Run it in a CI job when autologin or the",
        "network surprises you."},
    footer = {"", "Examples:",
        "  dapp registry login-plan dimg push registry.example.com/web/backend",
        "  dapp registry login-plan --json dimg cleanup repo registry.example.com/app",
        "  dapp registry login-plan dimg push registry.example.com/app \\",
        "      --registry-username me --registry-password-stdin"})
public final class LoginPlanCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print the plan as JSON.")
  private boolean json;

  @Parameters(paramLabel = "COMMAND", arity = "1..*",
      description = "A dapp command line without `dapp`, e.g. dimg push registry.example.com/web/backend.")
  private List<String> command = new ArrayList<>();

  @Spec
  private CommandSpec spec;

  private final ExplainLoginUseCase useCase;

  @Inject
  public LoginPlanCommand(ExplainLoginUseCase useCase) {
    this.useCase = Objects.requireNonNull(useCase, "'useCase' must not be null");
  }

  @Override
  public Integer call() throws Exception {
    LoginExplanation explanation = useCase.explain(parseExplainedCommand());
    String rendered = json ? LoginPlanJson.render(explanation) : LoginPlanText.render(explanation);
    spec.commandLine().getOut().print(rendered);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private CommandInvocation parseExplainedCommand() throws Exception {
    String shown = "dapp " + String.join(" ", command);
    ParseResult result;
    try {
      result = CommandTree.parse(spec.commandLine().getFactory(), command.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new ParameterException(spec.commandLine(), "cannot explain '" + shown + "': " + e.getMessage());
    }
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    if (!(result.commandSpec().userObject() instanceof ExplainableCommand explainable)) {
      throw new ParameterException(spec.commandLine(),
          "cannot explain '" + shown + "': it is not a command that works with a registry or the local store");
    }
    return explainable.invocation();
  }
}
