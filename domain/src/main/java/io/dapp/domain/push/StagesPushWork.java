package io.dapp.domain.push;

import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.BuiltDimg;
import io.dapp.domain.build.Stage;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code dapp dimg stages push REPO}: every stage of every dimg and of the artifacts they import from, as
 * built (labels {@code dapp-dimg=false} and the stage signatures), to {@code REPO:dimgstage-<signature>}. A stage tag the registry already has is never
 * replaced: it is the stage another runner built first (see {@link ImagePusher#pushUnlessTagged}).
 */
public final class StagesPushWork implements RegistryWork {

  private final BuildWork build;
  private final RegistryClientFactory registries;
  private final LocalImageStores stores;

  public StagesPushWork(BuildWork build, RegistryClientFactory registries, LocalImageStores stores) {
    this.build = Objects.requireNonNull(build, "'build' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
    this.stores = Objects.requireNonNull(stores, "'stores' must not be null");
  }

  @Override
  public PushResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session,
      Console console) throws DappException {
    return push(invocation, session.dockerConfig(), console);
  }

  /** Pushes every stage of the dimgs the invocation names, with the credentials {@code dockerConfig} holds. */
  public PushResult push(CommandInvocation invocation, DockerConfig dockerConfig, Console console)
      throws DappException {
    Repository repository = invocation.repository().orElseThrow(
        () -> new InvalidInputException("dapp " + invocation.command().displayName() + " needs a repository"));
    List<BuiltDimg> built = build.build(invocation, dockerConfig, new QuietBuildConsole(console));
    try (RegistryClient client = registries.open(dockerConfig, invocation.registryOptions())) {
      ImagePusher pusher = new ImagePusher(client, stores.open(invocation.buildOptions().store()), console,
          invocation.registryOptions().transferJobs());
      Set<String> pushed = new HashSet<>();
      List<PushedTag> tags = new ArrayList<>();
      for (BuiltDimg dimg : built) {
        List<Stage> stages = new ArrayList<>(dimg.artifactStages());
        stages.addAll(dimg.stages());
        for (Stage stage : stages) {
          if (pushed.add(stage.signature().stageTag())) {
            tags.add(pusher.pushUnlessTagged(stage.image(), repository.withTag(stage.signature().stageTag())));
          }
        }
      }
      return new PushResult(tags);
    }
  }
}
