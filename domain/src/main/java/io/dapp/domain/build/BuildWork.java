package io.dapp.domain.build;

import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.ImageSpec;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.ProjectSource;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code dapp dimg build} (and the build phase of {@code bp}): builds the dimgs of the dappfile into the
 * local store, without a docker daemon. Runs inside the BUILD login session, whose docker config is what
 * base images are pulled with.
 */
public final class BuildWork implements RegistryWork {

  static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";
  static final String OCI_RUNTIME = "DAPP_OCI_RUNTIME";

  private final Dappfiles dappfiles;
  private final ProjectSource projectSource;
  private final LocalImageStores stores;
  private final DimgBuilder builder;
  private final Environment environment;

  /**
   * @param environment where {@code DAPP_OCI_RUNTIME} and {@code SOURCE_DATE_EPOCH} are read for shell stages
   */
  public BuildWork(Dappfiles dappfiles, ProjectSource projectSource, LocalImageStores stores, DimgBuilder builder,
      Environment environment) {
    this.dappfiles = Objects.requireNonNull(dappfiles, "'dappfiles' must not be null");
    this.projectSource = Objects.requireNonNull(projectSource, "'projectSource' must not be null");
    this.stores = Objects.requireNonNull(stores, "'stores' must not be null");
    this.builder = Objects.requireNonNull(builder, "'builder' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
  }

  /** A build that reads no environment variable: shell stages with the default runtime and no SOURCE_DATE_EPOCH. */
  public BuildWork(Dappfiles dappfiles, ProjectSource projectSource, LocalImageStores stores, DimgBuilder builder) {
    this(dappfiles, projectSource, stores, builder, Map::of);
  }

  @Override
  public BuildResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session,
      Console console) throws DappException {
    Built built = buildAll(invocation, session.dockerConfig(), console);
    return new BuildResult(built.artifacts(), built.dimgs().stream().map(BuildWork::builtImage).toList(),
        built.store());
  }

  /**
   * Builds the dimgs the invocation names (all when none), in the order asked for, after the artifacts they
   * import from (each once); base images are pulled with the credentials {@code dockerConfig} holds.
   */
  public List<BuiltDimg> build(CommandInvocation invocation, DockerConfig dockerConfig, Console console)
      throws DappException {
    return buildAll(invocation, dockerConfig, console).dimgs();
  }

  /** What one build made, and in which store. */
  private record Built(List<BuiltImage> artifacts, List<BuiltDimg> dimgs, String store) {}

  private Built buildAll(CommandInvocation invocation, DockerConfig dockerConfig, Console console)
      throws DappException {
    List<BuiltImage> artifacts = new ArrayList<>();
    List<BuiltDimg> built = new ArrayList<>();
    String[] store = new String[1];
    run(invocation, dockerConfig, console, (dappfile, dimgs, context) -> {
      store[0] = context.store().location();
      for (Artifact artifact : dappfile.artifactsFor(dimgs)) {
        List<Stage> stages = builder.build(artifact, context);
        artifacts.add(new BuiltImage(artifact.subject(), Optional.empty(),
            stages.get(stages.size() - 1).image().manifestDescriptor().digest(),
            stages.stream().map(BuiltStage::of).toList()));
      }
      for (Dimg dimg : dimgs) {
        built.add(builder.build(dimg, dappfile.artifactsFor(List.of(dimg)), context));
      }
    });
    return new Built(artifacts, built, store[0]);
  }

  private static BuiltImage builtImage(BuiltDimg dimg) {
    return new BuiltImage(dimg.dimg().subject(), Optional.of(dimg.dimg().imageName()),
        dimg.image().manifestDescriptor().digest(), dimg.stages().stream().map(BuiltStage::of).toList());
  }

  /**
   * The stage chains of the dimgs the invocation names, first stage to last, building nothing but a
   * missing first stage (see {@link DimgBuilder#walk}); base images missing from the store are pulled.
   */
  public Map<ImageSpec, List<Stage>> walk(CommandInvocation invocation, DockerConfig dockerConfig, Console console)
      throws DappException {
    Map<ImageSpec, List<Stage>> chains = new LinkedHashMap<>();
    run(invocation, dockerConfig, console, (dappfile, dimgs, context) -> {
      for (ImageSpec spec : artifactsThenDimgs(dappfile, dimgs)) {
        chains.put(spec, builder.walk(spec, context));
      }
    });
    return chains;
  }

  /**
   * The stage chains of the dimgs the invocation names, as {@link #walk} gives them, writing nothing to the
   * store: for commands that only read it. A base image the store lacks is asked of the builder's fetcher.
   */
  public Map<ImageSpec, List<Stage>> walkStoringNothing(CommandInvocation invocation, DockerConfig dockerConfig,
      Console console) throws DappException {
    Map<ImageSpec, List<Stage>> chains = new LinkedHashMap<>();
    run(invocation, dockerConfig, console, (dappfile, dimgs, context) -> {
      for (ImageSpec spec : artifactsThenDimgs(dappfile, dimgs)) {
        chains.put(spec, builder.walkStoringNothing(spec, context));
      }
    });
    return chains;
  }

  /** The artifacts the dimgs import from, in the order to build them, then the dimgs. */
  private static List<ImageSpec> artifactsThenDimgs(Dappfile dappfile, List<Dimg> dimgs) {
    List<ImageSpec> specs = new ArrayList<>(dappfile.artifactsFor(dimgs));
    specs.addAll(dimgs);
    return specs;
  }

  /** Which project is in {@code projectDirectory}, as recorded on the references its builds make. */
  public ProjectId projectId(Path projectDirectory) throws DappException {
    try (ProjectSnapshot source = projectSource.open(projectDirectory)) {
      return ProjectId.of(source.originUrl(), source.workTree(), projectDirectory);
    }
  }

  private ShellSettings shellSettings(BuildOptions options) throws InvalidInputException {
    Optional<Instant> sourceDateEpoch = Optional.empty();
    Optional<String> epoch = environment.variable(SOURCE_DATE_EPOCH);
    if (epoch.isPresent()) {
      try {
        sourceDateEpoch = Optional.of(Instant.ofEpochSecond(Long.parseLong(epoch.get().strip())));
      } catch (NumberFormatException | java.time.DateTimeException e) {
        throw new InvalidInputException(SOURCE_DATE_EPOCH + " must be whole seconds since 1970-01-01 UTC, not "
            + UserText.quote(epoch.get()));
      }
    }
    Optional<Path> runtime;
    try {
      runtime = environment.variable(OCI_RUNTIME).map(Path::of);
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException(OCI_RUNTIME + " is not a path: " + UserText.quote(e.getInput()));
    }
    return new ShellSettings(options.shell(), runtime, sourceDateEpoch);
  }

  @FunctionalInterface
  private interface Work {
    void apply(Dappfile dappfile, List<Dimg> dimgs, DimgBuilder.Context context) throws DappException;
  }

  private void run(CommandInvocation invocation, DockerConfig dockerConfig, Console console, Work action)
      throws DappException {
    Dappfile dappfile = dappfiles.read(invocation.projectDirectory());
    List<Dimg> dimgs = dappfile.select(invocation.dimgs());
    BuildOptions options = invocation.buildOptions();
    LocalImageStore store = stores.open(options.store());
    try (ProjectSnapshot source = projectSource.open(invocation.projectDirectory())) {
      console.debug("building from " + source.commit().map(c -> "commit " + c).orElse("the project directory (not a git work tree)")
          + " into " + store.location() + " for " + options.platform());
      DimgBuilder.Context context = new DimgBuilder.Context(source, store, options.platform(),
          dockerConfig, invocation.registryOptions(), console,
          ProjectId.of(source.originUrl(), source.workTree(), invocation.projectDirectory()), shellSettings(options),
          new BuiltArtifacts());
      action.apply(dappfile, dimgs, context);
      source.debugNote().ifPresent(console::debug);
    }
  }
}
