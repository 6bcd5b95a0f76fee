package io.dapp.domain.build;

import io.dapp.domain.dappfile.Mount;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.ProjectId;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.HostMount;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.MountDirectories;
import io.dapp.domain.port.RootFilesystem;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.StageRunners;
import io.dapp.domain.usecase.ShellRunOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds a user stage ({@code beforeInstall}, {@code install}, ...): its commands run as one script in the
 * parent image's root filesystem, as root in {@code /} with the image's environment (as the original dapp
 * ran them: the dappfile's USER and WORKDIR describe the final image only), and what they changed becomes
 * the stage's layer.
 */
final class UserStageBuilder {

  /** Docker's PATH for an image that sets none. */
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Lines of a failed command's output shown when the console was quiet. */
  static final int FAILURE_TAIL = 20;

  /** The user and directory every stage's commands run as and in, whatever the image says. */
  static final int UID = 0;
  static final int GID = 0;
  static final String WORKING_DIRECTORY = "/";

  private final RootFilesystems rootFilesystems;
  private final StageRunners runners;
  private final MountDirectories mountDirectories;
  private final LayerArchiver archiver;

  UserStageBuilder(ShellStagePorts ports, LayerArchiver archiver) {
    this.rootFilesystems = ports.rootFilesystems();
    this.runners = ports.runners();
    this.mountDirectories = ports.mounts();
    this.archiver = Objects.requireNonNull(archiver, "'archiver' must not be null");
  }

  /** What a stage's process sees of its image's config: the environment, with a PATH. */
  static List<String> environment(ContainerConfig config) {
    List<String> environment = new ArrayList<>(config.env());
    if (environment.stream().noneMatch(variable -> variable.startsWith("PATH="))) {
      environment.add(DEFAULT_PATH);
    }
    if (environment.stream().noneMatch(variable -> variable.startsWith("HOME="))) {
      environment.add("HOME=/root");
    }
    return environment;
  }

  /** How one build runs its stages: shared by every user stage of the build. */
  record Run(ShellRuntime runtime, ShellRunOptions options, Optional<Instant> sourceDateEpoch, Console console,
      LocalImageStore store, ProjectId project, AtomicBoolean explained) {

    Run(ShellRuntime runtime, ShellRunOptions options, Optional<Instant> sourceDateEpoch, Console console,
        LocalImageStore store, ProjectId project) {
      this(runtime, options, sourceDateEpoch, console, store, project, new AtomicBoolean());
    }
  }

  /**
   * Runs {@code commands} on {@code parent} and returns the parent's image plus the new layer.
   *
   * @throws StageCommandFailedException when a command fails; nothing is stored
   */
  StageImage build(String dimg, String source, UserStage stage, List<String> commands, List<Mount> mounts,
      StageImage parent, String signature, Run run) throws DappException {
    ShellRuntime.Choice choice = run.runtime().choose();
    if (run.explained().compareAndSet(false, true)) {
      run.console().debug("root filesystems for shell stages: " + rootFilesystems.explain(run.store()));
    }
    ShellScript script = new ShellScript(commands, UUID.randomUUID().toString().replace("-", ""));
    Timings timings = new Timings();
    List<MountDirectories.Held> held = new ArrayList<>();
    try (RootFilesystem root = rootFilesystems.open(parent.layers(), run.store())) {
      timings.lap("root filesystem");
      if (!root.hasFile("/bin/sh")) {
        throw new InvalidInputException(dimg + ": stage " + stage.stageName()
            + ": the image has no /bin/sh to run the commands with");
      }
      List<HostMount> hostMounts = new ArrayList<>();
      for (Mount mount : mounts) {
        MountDirectories.Held directory = mountDirectories.hold(mount, run.project(), run.store());
        held.add(directory);
        hostMounts.add(new HostMount(directory.path(), mount.to()));
      }
      ContainerProcess process = new ContainerProcess(script.argv(), environment(parent.config().config()),
          WORKING_DIRECTORY, UID, GID, hostMounts);
      Output output = new Output(script, source, run.console());
      int status = runners.run(choice.isolation(), choice.ociRuntime(), run.options().network(), root, process,
          output::line);
      timings.lap("commands");
      if (status != 0) {
        throw output.failure(dimg, stage, status);
      }
      // Neither the runner's mounts nor the dappfile's are ever part of a layer.
      List<String> notInLayers = new ArrayList<>(StageRunners.MOUNT_POINTS);
      mounts.forEach(mount -> notInLayers.add(mount.targetPath()));
      List<LayerEntry> entries = LayerChanges.of(root.changes(), notInLayers, run.sourceDateEpoch());
      timings.lap("changes");
      Layer layer = archiver.archive(entries, run.store());
      root.committed(layer);
      timings.lap("layer");
      run.console().debug(source + ": " + timings + " (" + entries.size() + " entries, " + layer.blob().size()
          + " bytes compressed)");
      ImageConfig config = parent.config();
      ImageConfig next = config.next(config.config(), Optional.of(layer.diffId()),
          "dapp shell " + stage.key() + ": " + String.join(" && ", commands), "dapp stage " + signature);
      return parent.plus(layer, next);
    } finally {
      held.forEach(MountDirectories.Held::close);
    }
  }

  /** Where a stage's time went, for --debug and the build benchmark: {@code root filesystem 120 ms, ...}. */
  private static final class Timings {

    private final StringBuilder laps = new StringBuilder();
    private long since = System.nanoTime();

    void lap(String name) {
      long now = System.nanoTime();
      laps.append(laps.length() == 0 ? "" : ", ").append(name).append(' ').append((now - since) / 1_000_000)
          .append(" ms");
      since = now;
    }

    @Override
    public String toString() {
      return laps.toString();
    }
  }

  /** A running script's output: shown line by line, its last lines kept, the failure marker read. */
  private static final class Output {

    private final ShellScript script;
    private final String source;
    private final Console console;
    private final Deque<String> tail = new ArrayDeque<>();
    private Optional<ShellScript.Failure> failure = Optional.empty();

    Output(ShellScript script, String source, Console console) {
      this.script = script;
      this.source = source;
      this.console = console;
    }

    void line(String text) {
      ShellScript.Line line = script.read(text);
      line.failure().ifPresent(reported -> failure = Optional.of(reported));
      line.shown().ifPresent(shown -> {
        console.output(source, shown);
        if (tail.size() == FAILURE_TAIL) {
          tail.removeFirst();
        }
        tail.addLast(shown);
      });
    }

    StageCommandFailedException failure(String dimg, UserStage stage, int status) {
      if (!console.showsOutput() && !tail.isEmpty()) {
        console.failedOutput(source, List.copyOf(tail));
      }
      List<String> commands = script.commands();
      // The marker names the command; without it (killed, or a command replaced the trap), only the status.
      Optional<ShellScript.Failure> reported = failure.filter(f -> f.status() == status);
      return new StageCommandFailedException(dimg, stage.stageName(),
          reported.map(f -> commands.get(f.command() - 1)), reported.map(ShellScript.Failure::command).orElse(0),
          commands.size(), status);
    }
  }
}
