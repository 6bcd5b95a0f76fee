package io.dapp.domain.testing;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.port.ContainerProcess;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.NetworkMode;
import io.dapp.domain.port.RootFilesystem;
import io.dapp.domain.port.RootFilesystems;
import io.dapp.domain.port.StageRunners;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stage runners and root filesystems for use-case tests: a "run" hands the process to a script the test
 * gives, which prints lines and says what changed and with what status; every run, root filesystem and
 * availability question is recorded. No process is started.
 */
public final class ScriptedStageRunners implements StageRunners, RootFilesystems, io.dapp.domain.port.MountDirectories {

  /** What a scripted run did: its output lines, its status, the entries it changed. */
  public record Outcome(List<String> output, int status, List<LayerEntry> changes) {

    public static Outcome success(LayerEntry... changes) {
      return new Outcome(List.of(), 0, List.of(changes));
    }
  }

  /** A run as the runner saw it. */
  public record Run(Isolation isolation, Optional<Path> ociRuntime, NetworkMode network, List<Layer> parentLayers,
      ContainerProcess process) {}

  private final Map<Isolation, String> unavailable = new EnumMap<>(Isolation.class);
  private Function<ContainerProcess, Outcome> script = process -> Outcome.success();
  private boolean hasShell = true;
  public final List<Run> runs = new ArrayList<>();
  public final List<Isolation> asked = new ArrayList<>();
  public final List<Layer> committed = new ArrayList<>();
  /** The paths {@code hasFile} says are regular files (besides /bin/sh). */
  public final java.util.Set<String> regularFiles = new java.util.HashSet<>();
  /** What {@code files(path)} lists in any root filesystem: an artifact's files, for imports. */
  public final Map<String, List<LayerEntry>> files = new java.util.HashMap<>();
  public int open;

  public ScriptedStageRunners script(Function<ContainerProcess, Outcome> script) {
    this.script = script;
    return this;
  }

  public ScriptedStageRunners unavailable(Isolation isolation, String why) {
    unavailable.put(isolation, why);
    return this;
  }

  public ScriptedStageRunners withoutShell() {
    hasShell = false;
    return this;
  }

  /** The command lines of the script of a run (the argv's last element), as the shell got it. */
  public static String scriptOf(ContainerProcess process) {
    return process.argv().get(process.argv().size() - 1);
  }

  @Override
  public Optional<Path> ociRuntime(Optional<Path> named) {
    return named.or(() -> Optional.of(Path.of("/usr/sbin/runc")));
  }

  @Override
  public Optional<String> unavailable(Isolation isolation, Optional<Path> ociRuntime) {
    asked.add(isolation);
    return Optional.ofNullable(unavailable.get(isolation));
  }

  @Override
  public int run(Isolation isolation, Optional<Path> ociRuntime, NetworkMode network, RootFilesystem root,
      ContainerProcess process, OutputSink output) throws DappException {
    Scripted scripted = (Scripted) root;
    runs.add(new Run(isolation, ociRuntime, network, scripted.layers, process));
    Outcome outcome = script.apply(process);
    outcome.output().forEach(output::line);
    scripted.changes = outcome.changes();
    return outcome.status();
  }

  /** The mounts held, in order, with whether they were let go. */
  public final List<String> mountsHeld = new ArrayList<>();

  @Override
  public Held hold(io.dapp.domain.dappfile.Mount mount, io.dapp.domain.model.ProjectId project,
      LocalImageStore store) {
    Path path = Path.of("/host-mounts", mount.from().key(), mount.targetPath());
    mountsHeld.add("held " + path);
    return new Held() {
      @Override
      public Path path() {
        return path;
      }

      @Override
      public void close() {
        mountsHeld.add("released " + path);
      }
    };
  }

  @Override
  public int removeBuildDirectories(io.dapp.domain.model.ProjectId project, LocalImageStore store) {
    return 0;
  }

  @Override
  public String explain(LocalImageStore store) {
    return "scripted: no files";
  }

  /** The diff_ids the last cleanup said to keep. */
  public java.util.Set<io.dapp.domain.model.Digest> keptDiffIds = java.util.Set.of();

  @Override
  public java.util.OptionalInt removeUnused(LocalImageStore store, java.util.Set<io.dapp.domain.model.Digest> kept) {
    keptDiffIds = java.util.Set.copyOf(kept);
    return java.util.OptionalInt.of(0);
  }

  @Override
  public RootFilesystem open(List<Layer> layers, LocalImageStore store) {
    open++;
    return new Scripted(layers);
  }

  private final class Scripted implements RootFilesystem {

    private final List<Layer> layers;
    private List<LayerEntry> changes = List.of();

    Scripted(List<Layer> layers) {
      this.layers = List.copyOf(layers);
    }

    @Override
    public Path directory() {
      return Path.of("/scripted-root");
    }

    @Override
    public boolean hasFile(String absolutePath) {
      return absolutePath.equals("/bin/sh") ? hasShell : regularFiles.contains(absolutePath);
    }

    @Override
    public List<LayerEntry> files(String absolutePath) {
      return files.getOrDefault(absolutePath, List.of());
    }

    @Override
    public List<LayerEntry> changes() {
      return changes;
    }

    @Override
    public void committed(Layer layer) {
      committed.add(layer);
    }

    @Override
    public void close() {
      open--;
    }
  }
}
