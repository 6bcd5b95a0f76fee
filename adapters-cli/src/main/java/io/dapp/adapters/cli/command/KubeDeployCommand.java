package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.TagOptionsMixin;
import io.dapp.domain.deploy.DeployOptions;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = {
    "Deploy the project's helm chart with `helm upgrade --install`, giving it the values of `dapp kube values` "
        + "(as a private values file) and DOCKER_CONFIG pointing at the login's docker config.",
    "Category: deploy."})
public final class KubeDeployCommand extends RepositoryCommand {

  @Mixin
  private TagOptionsMixin tags;

  @Option(names = "--release", paramLabel = "NAME", description = {"Helm release name. Default: "
      + "$CI_PROJECT_PATH_SLUG-$CI_ENVIRONMENT_SLUG in GitLab CI ($CI_PROJECT_PATH_SLUG without an environment), "
      + "else the project directory's name; slugged."})
  private String release;

  @Option(names = "--namespace", paramLabel = "NAMESPACE",
      description = "Kubernetes namespace (default: the kube context's).")
  private String namespace;

  @Option(names = "--chart", paramLabel = "CHART",
      description = "Chart directory or reference, as helm takes it (default: .helm in the project directory).")
  private String chart;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Extra value for helm's --set (repeatable); wins over dapp's values. Visible in the process list.")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "DURATION", converter = HelmDuration.class,
      description = "helm's --timeout: seconds, or like 90s, 5m, 1h30m (default: helm's, 5m).")
  private Duration timeout;

  @Inject
  public KubeDeployCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.KUBE_DEPLOY;
  }

  @Override
  protected CommandOptions commandOptions() {
    return CommandOptions.of(tags.tagOptions(), new DeployOptions(Optional.ofNullable(release),
        Optional.ofNullable(namespace), Optional.ofNullable(chart), sets, Optional.ofNullable(timeout)));
  }

  /** {@code 300}, {@code 90s}, {@code 5m}, {@code 1h30m}: whole hours, minutes and seconds. */
  static final class HelmDuration implements ITypeConverter<Duration> {

    private static final Pattern UNITS = Pattern.compile("(?:(\\d{1,5})h)?(?:(\\d{1,7})m)?(?:(\\d{1,9})s)?");

    @Override
    public Duration convert(String text) {
      if (text.matches("\\d{1,9}")) {
        return Duration.ofSeconds(Long.parseLong(text));
      }
      Matcher matcher = UNITS.matcher(text);
      if (text.isEmpty() || !matcher.matches()) {
        throw new TypeConversionException("'" + text + "' is not a duration (e.g. 300, 90s, 5m, 1h30m)");
      }
      return Duration.ofHours(part(matcher.group(1))).plusMinutes(part(matcher.group(2)))
          .plusSeconds(part(matcher.group(3)));
    }

    private static long part(String digits) {
      return digits == null ? 0 : Long.parseLong(digits);
    }
  }
}
