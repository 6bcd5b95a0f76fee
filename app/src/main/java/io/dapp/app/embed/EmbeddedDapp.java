package io.dapp.app.embed;

import io.dapp.app.EmbeddedAdapters;
import io.dapp.app.EmbeddedComponent;
import io.dapp.domain.build.BuildResult;
import io.dapp.domain.cleanup.CleanupFailedException;
import io.dapp.domain.cleanup.CleanupOptions;
import io.dapp.domain.cleanup.CleanupReport;
import io.dapp.domain.deploy.KubeValuesResult;
import io.dapp.domain.deploy.ValuesOptions;
import io.dapp.domain.deploy.ValuesRenderer;
import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.login.PasswordSource;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.CredentialSource;
import io.dapp.domain.port.DockerConfigStore;
import io.dapp.domain.port.Environment;
import io.dapp.domain.push.PushResult;
import io.dapp.domain.push.StagesPullOptions;
import io.dapp.domain.push.StagesPullResult;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.LoginExplanation;
import io.dapp.domain.usecase.WorkResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * dapp as a library: the commands a pipeline runs, called from Java, each returning what it did instead of
 * printing it. Every call runs the same login procedure as the command line (the environment's CI variables,
 * {@code DAPP_DOCKER_CONFIG}, the login given to the {@link Builder}) and the same work; what the command line
 * prints as it goes (stage output, transfers) goes to the {@link Console} given to the builder, and nothing
 * at all to {@code System.out} or {@code System.err}.
 *
 * <pre>{@code
 * EmbeddedDapp dapp = EmbeddedDapp.builder()
 *     .environment(Map.of("HOME", "/var/lib/ci"))
 *     .credentials(registry -> Optional.of(new Credentials("ci", Secret.of(vault.password(registry)))))
 *     .console(myConsole)
 *     .localStore(Path.of("/var/lib/ci/dapp-store"))
 *     .build();
 * PushResult pushed = dapp.push(Project.in(checkout), Repository.parse("registry.example.com/shop"),
 *     TagOptions.custom("v1"));
 * pushed.tags().forEach(tag -> log(tag.target() + " " + tag.digest()));
 * }</pre>
 *
 * <p>Failures are the domain's checked {@link DappException}s with a one-line message, as the command line
 * prints them: an {@link io.dapp.domain.error.InvalidInputException} for what the command line answers with
 * exit code 2, an {@link io.dapp.domain.error.OperationFailedException} for exit code 1.
 *
 * <p>Each instance has its own adapters and state, and two instances share none: two threads, each with its
 * own instance, can work at once, as two dapp processes can (on one local store too).
 */
public final class EmbeddedDapp {

  private final EmbeddedComponent component;
  private final Console console;
  private final LoginOptions login;
  private final Optional<Secret> password;
  private final RegistryOptions registryOptions;
  private final BuildOptions buildOptions;

  private EmbeddedDapp(Builder builder) {
    this.component = EmbeddedComponent.create(new EmbeddedAdapters(builder.environment, builder.dockerConfigs,
        builder.credentials, builder.registries));
    this.console = builder.console;
    this.login = builder.login;
    this.password = builder.password;
    this.registryOptions = builder.registryOptions;
    this.buildOptions = new BuildOptions(builder.localStore, builder.platform);
  }

  /** Starts an embedding with the command line's adapters, a silent console and no login of its own. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code dapp registry login-plan}: which login each phase of {@code command} would use and why, with the
   * options it would run with and how each registry would be reached. Talks to no registry, reads no secret.
   *
   * @param repository the REPO argument; empty for {@code dimg build} and the local commands
   */
  public LoginExplanation loginPlan(DappCommand command, Project project, Optional<Repository> repository)
      throws DappException {
    return component.explainLogin().explain(invocation(command, project, repository, CommandOptions.none()));
  }

  /** {@code dapp dimg build}: builds the project's dimgs (and the artifacts they import) into the local store. */
  public BuildResult build(Project project) throws DappException {
    return run(DappCommand.DIMG_BUILD, project, Optional.empty(), CommandOptions.none(), BuildResult.class);
  }

  /**
   * {@code dapp dimg push}: pushes what the local store holds for each dimg (a build of the same inputs must
   * have run; nothing is rebuilt) to {@code REPO/<dimg>} under each tag.
   */
  public PushResult push(Project project, Repository repository, TagOptions tags) throws DappException {
    return run(DappCommand.DIMG_PUSH, project, Optional.of(repository), CommandOptions.of(tags), PushResult.class);
  }

  /** {@code dapp dimg bp}: builds, then pushes as {@link #push} does; the push's result. */
  public PushResult buildAndPush(Project project, Repository repository, TagOptions tags) throws DappException {
    return run(DappCommand.DIMG_BP, project, Optional.of(repository), CommandOptions.of(tags), PushResult.class);
  }

  /** {@code dapp dimg stages push}: every stage, as {@code REPO:dimgstage-<signature>}, never replacing one. */
  public PushResult stagesPush(Project project, Repository repository) throws DappException {
    return run(DappCommand.DIMG_STAGES_PUSH, project, Optional.of(repository), CommandOptions.none(),
        PushResult.class);
  }

  /**
   * {@code dapp dimg stages pull}: the stages a following build would need that the store lacks.
   *
   * @param all {@code --all}: every stage the registry has that the store lacks
   */
  public StagesPullResult stagesPull(Project project, Repository repository, boolean all) throws DappException {
    return run(DappCommand.DIMG_STAGES_PULL, project, Optional.of(repository),
        CommandOptions.of(new StagesPullOptions(all)), StagesPullResult.class);
  }

  /**
   * A cleaning command's plan ({@code --dry-run}): every tag read, with its decision and the reason for it.
   * Deletes nothing.
   */
  public CleanupReport cleanupPlan(Project project, Repository repository, Cleanup cleanup) throws DappException {
    return cleaning(project, repository, cleanup, true);
  }

  /**
   * A cleaning command: its plan, then the outcome of each planned delete.
   *
   * @throws CleanupFailedException when some deletes failed (the others were done); its report has every
   *     outcome
   */
  public CleanupReport cleanup(Project project, Repository repository, Cleanup cleanup) throws DappException {
    CleanupReport report = cleaning(project, repository, cleanup, false);
    report.requireAllDeleted();
    return report;
  }

  private CleanupReport cleaning(Project project, Repository repository, Cleanup cleanup, boolean dryRun)
      throws DappException {
    CleanupOptions options = new CleanupOptions(dryRun, false, cleanup.withStages(), !cleanup.askKubernetes());
    return run(cleanup.kind().command(), project, Optional.of(repository), CommandOptions.of(options),
        CleanupReport.class);
  }

  /** {@code dapp kube values}: the Helm values of the dimgs under one tag, read from REPO, and their YAML. */
  public KubeValuesResult kubeValues(Project project, Repository repository, TagOptions tag) throws DappException {
    return run(DappCommand.KUBE_VALUES, project, Optional.of(repository),
        CommandOptions.of(tag, new ValuesOptions(ValuesRenderer.Syntax.YAML)), KubeValuesResult.class);
  }

  private <T extends WorkResult> T run(DappCommand command, Project project, Optional<Repository> repository,
      CommandOptions options, Class<T> result) throws DappException {
    return component.registryCommand().run(invocation(command, project, repository, options), password, console)
        .result(result);
  }

  private CommandInvocation invocation(DappCommand command, Project project, Optional<Repository> repository,
      CommandOptions options) {
    return new CommandInvocation(command, repository, project.dimgs(), project.directory(), login, registryOptions,
        options.with(buildOptions));
  }

  /** Makes an {@link EmbeddedDapp}; everything not given is what the command line uses. */
  public static final class Builder {

    private Optional<Environment> environment = Optional.empty();
    private Optional<DockerConfigStore> dockerConfigs = Optional.empty();
    private Optional<CredentialSource> credentials = Optional.empty();
    private Optional<RegistryClientFactory> registries = Optional.empty();
    private Console console = Console.SILENT;
    private LoginOptions login = LoginOptions.NONE;
    private Optional<Secret> password = Optional.empty();
    private RegistryOptions registryOptions = RegistryOptions.defaults();
    private Optional<Path> localStore = Optional.empty();
    private Platform platform = Platform.LINUX_AMD64;

    private Builder() {}

    /**
     * The environment variables every call reads (CI variables, {@code HOME}, {@code DAPP_STORE}, proxies...)
     * instead of the process's.
     */
    public Builder environment(Map<String, String> variables) {
      Map<String, String> copy = Map.copyOf(variables);
      return environment(() -> copy);
    }

    /** As {@link #environment(Map)}, read through the embedder's own adapter. */
    public Builder environment(Environment environment) {
      this.environment = Optional.of(Objects.requireNonNull(environment, "'environment' must not be null"));
      return this;
    }

    /**
     * Where each call reports what the command line prints (progress, stage output, warnings; debug lines when
     * {@link Console#debugging()}); by default nowhere.
     */
    public Builder console(Console console) {
      this.console = Objects.requireNonNull(console, "'console' must not be null");
      return this;
    }

    /**
     * Where the credentials of the default docker config come from, instead of {@code ~/.docker/config.json}:
     * they are kept in memory, as are those of a login by dapp. No docker config is read from or written to
     * disk, unless {@code DAPP_DOCKER_CONFIG} names one.
     */
    public Builder credentials(CredentialSource source) {
      this.credentials = Optional.of(Objects.requireNonNull(source, "'source' must not be null"));
      return this;
    }

    /** Where docker configs are, wholly replaced; {@link #credentials} is then ignored. */
    public Builder dockerConfigStore(DockerConfigStore store) {
      this.dockerConfigs = Optional.of(Objects.requireNonNull(store, "'store' must not be null"));
      return this;
    }

    /** How registries are talked to, instead of HTTP: an in-memory registry for tests, an instrumented one. */
    public Builder registryClients(RegistryClientFactory factory) {
      this.registries = Optional.of(Objects.requireNonNull(factory, "'factory' must not be null"));
      return this;
    }

    /**
     * A login by dapp, as {@code --registry-username} and {@code --registry-password} give it: the login
     * procedure uses it for the registries of the command (see {@link EmbeddedDapp#loginPlan}).
     */
    public Builder login(String username, Secret password) {
      this.login = new LoginOptions(Optional.of(username), Optional.of(PasswordSource.OPTION));
      this.password = Optional.of(Objects.requireNonNull(password, "'password' must not be null"));
      return this;
    }

    /** How registries are reached: insecure registries, mirrors, transfer jobs, network settings. */
    public Builder registryOptions(RegistryOptions options) {
      this.registryOptions = Objects.requireNonNull(options, "'options' must not be null");
      return this;
    }

    /** The local image store, as {@code --store} names it; by default {@code $DAPP_STORE} or {@code ~/.dapp/store}. */
    public Builder localStore(Path directory) {
      this.localStore = Optional.of(directory);
      return this;
    }

    /** The platform images are built for; linux/amd64 by default. */
    public Builder platform(Platform platform) {
      this.platform = Objects.requireNonNull(platform, "'platform' must not be null");
      return this;
    }

    /** An embedding with these adapters; each call makes a new one, sharing nothing with the others. */
    public EmbeddedDapp build() {
      return new EmbeddedDapp(this);
    }
  }
}
