package io.dapp.domain.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.DimgBuilder;
import io.dapp.domain.build.ShellStagePorts;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.InMemoryRegistryClient;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.registry.RecordingRegistryClientFactory;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.InMemoryLocalImageStore;
import io.dapp.domain.testing.InMemoryProject;
import io.dapp.domain.testing.RecordingConsole;
import io.dapp.domain.testing.ScriptedStageRunners;
import io.dapp.domain.testing.ScriptedStageRunners.Outcome;
import io.dapp.domain.testing.TextLayerArchiver;
import io.dapp.domain.usecase.BuildOptions;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two runners building one signature at once: the stage pushed first is the one the registry keeps. */
class StagesPushTest {

  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private final Dappfile dappfile = new Dappfile("dappfile.yaml", List.of(new Dimg(Optional.of("app"),
      BaseImage.SCRATCH, List.of(), new ShellStages(Map.of(UserStage.INSTALL, List.of("date > /built")),
      Optional.empty(), Map.of()), DockerInstructions.NONE)), List.of());

  /** A runner: its own store, and a clock that makes the non-deterministic stage come out its own way. */
  private final class Runner {
    final InMemoryLocalImageStore store = new InMemoryLocalImageStore();
    final RecordingConsole console = new RecordingConsole();
    final TextLayerArchiver archiver = new TextLayerArchiver();
    final ScriptedStageRunners shell;

    Runner(String date) {
      byte[] bytes = date.getBytes(StandardCharsets.UTF_8);
      shell = new ScriptedStageRunners().script(process -> Outcome.success(
          LayerEntry.file("built", false, 0, 0, bytes.length, () -> new ByteArrayInputStream(bytes))));
    }

    PushResult stagesPush() throws Exception {
      BuildWork build = new BuildWork(directory -> dappfile, new InMemoryProject(), location -> store,
          new DimgBuilder((image, platform, config, options, target, progress) -> {
            throw new OperationFailedException("no base image in this test");
          }, archiver, (layers, path, target) -> Optional.empty(), archiver, new ShellStagePorts(shell, shell, shell)));
      return new StagesPushWork(build, new RecordingRegistryClientFactory(registry), location -> store)
          .push(new CommandInvocation(DappCommand.DIMG_STAGES_PUSH, Optional.of(Repository.parse("r.io/web/app")),
              List.of(), Path.of("/project"), new LoginOptions(Optional.empty(), Optional.empty()))
              .withCommandOptions(CommandOptions.of(BuildOptions.DEFAULT)), EmptyDockerConfig.at("/c"), console);
    }
  }

  @Test
  void aStageTagTheRegistryHas_isNeverReplaced_andTheLoserSaysItKeptTheRegistrys() throws Exception {
    Runner first = new Runner("Mon");
    Runner second = new Runner("Tue");
    first.stagesPush();

    PushResult result = second.stagesPush();

    // The install stage: one signature, other bytes on each runner.
    String tag = second.store.names().stream().filter(name -> name.startsWith("dimgstage-"))
        .filter(name -> !second.store.resolve(name).equals(first.store.resolve(name))).findFirst().orElseThrow();
    ManifestDescriptor pushedFirst = registry.checkManifest(ImageReference.parse("r.io/web/app:" + tag)).orElseThrow();
    assertThat(pushedFirst.digest()).isEqualTo(first.store.resolve(tag).orElseThrow().digest());
    assertThat(registry.checkManifest(ImageReference.parse("r.io/web/app:" + tag))).contains(pushedFirst);
    assertThat(result.tags()).filteredOn(pushed -> pushed.target().toString().equals("r.io/web/app:" + tag))
        .singleElement().satisfies(kept -> {
          assertThat(kept.outcome()).isEqualTo(PushedTag.Outcome.KEPT);
          assertThat(kept.digest()).isEqualTo(pushedFirst.digest());
          assertThat(kept.built()).isEqualTo(second.store.resolve(tag).orElseThrow().digest());
        });
  }
}
