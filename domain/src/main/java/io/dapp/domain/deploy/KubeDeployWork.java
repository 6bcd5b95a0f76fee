package io.dapp.domain.deploy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Environment;
import io.dapp.domain.tag.DimgTag;
import io.dapp.domain.tag.Slug;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.tag.TagResolver;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.WorkResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code dapp kube deploy REPO}: reads the same values as {@code kube values} and gives them to
 * {@code helm upgrade --install}, with {@code DOCKER_CONFIG} pointing at the login session's config.
 *
 * <p>Defaults: the chart is {@code .helm} in the project directory; the release is
 * {@code $CI_PROJECT_PATH_SLUG-$CI_ENVIRONMENT_SLUG} in a GitLab job with an environment,
 * {@code $CI_PROJECT_PATH_SLUG} in one without, and the slug of the project directory's name elsewhere.
 */
public final class KubeDeployWork implements RegistryWork {

  public static final String CI_PROJECT_PATH_SLUG = "CI_PROJECT_PATH_SLUG";
  public static final String CI_ENVIRONMENT_SLUG = "CI_ENVIRONMENT_SLUG";
  public static final String DEFAULT_CHART = ".helm";

  /** Helm's rule for release names: a DNS-1123 subdomain of at most 53 characters. */
  private static final Pattern RELEASE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SET = Pattern.compile("[^=\\s][^=]*=.*", Pattern.DOTALL);

  private final TagResolver tags;
  private final DeployValuesReader values;
  private final Deployer deployer;
  private final Environment environment;

  public KubeDeployWork(TagResolver tags, DeployValuesReader values, Deployer deployer, Environment environment) {
    this.tags = Objects.requireNonNull(tags, "'tags' must not be null");
    this.values = Objects.requireNonNull(values, "'values' must not be null");
    this.deployer = Objects.requireNonNull(deployer, "'deployer' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
  }

  @Override
  public WorkResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session, Console console)
      throws DappException {
    DeployOptions options = invocation.commandOptions().find(DeployOptions.class).orElse(DeployOptions.defaults());
    HelmRelease release = release(options, invocation.projectDirectory());
    deployer.checkAvailable();
    DimgTag tag = tags.resolveOne(invocation.commandOptions().find(TagOptions.class).orElse(TagOptions.none()),
        invocation.projectDirectory(), "kube deploy");
    HelmValues read = values.read(invocation.projectDirectory(), invocation.repository().orElseThrow(), tag,
        session.dockerConfig(), invocation.registryOptions());
    console.debug("deploying release " + release.name() + " from chart " + release.chart() + " with tag " + tag);
    deployer.deploy(release, read.tree(), session.dockerConfig().directory(), console);
    return WorkResult.DONE;
  }

  /** The release as the options and defaults describe it; checked before anything is read or run. */
  HelmRelease release(DeployOptions options, Path projectDirectory) throws InvalidInputException {
    String name = options.release().isPresent() ? checkedRelease(options.release().get()) : defaultRelease(projectDirectory);
    if (options.namespace().isPresent() && !isNamespace(options.namespace().get())) {
      throw new InvalidInputException("--namespace '" + options.namespace().get()
          + "' is not a Kubernetes namespace (lower-case letters, digits and '-', at most 63)");
    }
    for (String set : options.sets()) {
      if (!SET.matcher(set).matches()) {
        throw new InvalidInputException("--set '" + set + "': expected key=value");
      }
    }
    if (options.timeout().isPresent() && (options.timeout().get().isNegative() || options.timeout().get().isZero())) {
      throw new InvalidInputException("--timeout must be positive");
    }
    return new HelmRelease(name, chart(options, projectDirectory), options.namespace(), options.sets(),
        options.timeout());
  }

  private static String checkedRelease(String name) throws InvalidInputException {
    if (name.length() > Slug.MAX_LENGTH || !RELEASE.matcher(name).matches()) {
      throw new InvalidInputException("--release '" + name + "' is not a Helm release name (lower-case letters, "
          + "digits, '-' and '.', at most " + Slug.MAX_LENGTH + ")");
    }
    return name;
  }

  private String defaultRelease(Path projectDirectory) {
    Optional<String> project = environment.variable(CI_PROJECT_PATH_SLUG);
    Optional<String> ciEnvironment = environment.variable(CI_ENVIRONMENT_SLUG);
    if (project.isPresent()) {
      return Slug.of(project.get() + ciEnvironment.map(e -> "-" + e).orElse(""));
    }
    Path name = projectDirectory.getFileName();
    return Slug.of(name == null ? "dapp" : name.toString());
  }

  private static String chart(DeployOptions options, Path projectDirectory) throws InvalidInputException {
    if (options.chart().isPresent()) {
      return options.chart().get();
    }
    Path chart = projectDirectory.resolve(DEFAULT_CHART);
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      throw new InvalidInputException("no Helm chart in " + chart + " (Chart.yaml is missing); "
          + "write one there or name one with --chart");
    }
    return chart.toString();
  }

  private static boolean isNamespace(String namespace) {
    return namespace.length() <= 63 && NAMESPACE.matcher(namespace).matches();
  }
}
