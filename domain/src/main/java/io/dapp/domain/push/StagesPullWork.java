package io.dapp.domain.push;

import io.dapp.domain.build.BlobTransfer;
import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.RegistryBaseImageFetcher;
import io.dapp.domain.build.Stage;
import io.dapp.domain.build.StageHistory;
import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.ImageSpec;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.registry.ManifestReader;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code dapp dimg stages pull REPO [--all]}: for each dimg, its stage chain is computed as a build would
 * (nothing built), then walked from the last stage backwards to the newest one the registry has: that one is
 * pulled and tagged {@code dimgstage-<signature>}, and the stages below it the store lacks are made from its
 * image, whose history records them (see {@link StageHistory}), so a following build rebuilds nothing while
 * only the newest stage's manifest and config were fetched. An image whose history does not record them (pushed
 * by an earlier dapp or by the docker-based original) has the stages below it pulled too, down to one the store
 * has. With {@code --all}, every stage of the chain the store lacks and the registry has is pulled.
 */
public final class StagesPullWork implements RegistryWork {

  /** Walks of the stage chains at most: each one after the first only when the one before pulled a stage. */
  private static final int MAX_ROUNDS = 8;

  private final BuildWork build;
  private final RegistryClientFactory registries;
  private final LocalImageStores stores;
  private final ManifestReader manifests;

  public StagesPullWork(BuildWork build, RegistryClientFactory registries, LocalImageStores stores,
      ManifestReader manifests) {
    this.build = Objects.requireNonNull(build, "'build' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
    this.stores = Objects.requireNonNull(stores, "'stores' must not be null");
    this.manifests = Objects.requireNonNull(manifests, "'manifests' must not be null");
  }

  @Override
  public StagesPullResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session,
      Console console) throws DappException {
    return pull(invocation, session.dockerConfig(), console);
  }

  /** Pulls the stages of the dimgs the invocation names, with the credentials {@code dockerConfig} holds. */
  public StagesPullResult pull(CommandInvocation invocation, DockerConfig dockerConfig, Console console)
      throws DappException {
    Repository repository = invocation.repository().orElseThrow(
        () -> new InvalidInputException("dapp " + invocation.command().displayName() + " needs a repository"));
    boolean all = invocation.commandOptions().find(StagesPullOptions.class).map(StagesPullOptions::all).orElse(false);
    Map<String, String> madeBy = build.projectId(invocation.projectDirectory()).annotations();
    LocalImageStore store = stores.open(invocation.buildOptions().store());
    try (RegistryClient client = registries.open(dockerConfig, invocation.registryOptions())) {
      BlobTransfer transfer = new BlobTransfer(client, store, manifests, console.transfers(),
          invocation.registryOptions().transferJobs());
      Set<String> pulled = new HashSet<>();
      List<PulledStage> result = new ArrayList<>();
      Set<String> absent = new HashSet<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      // A pulled stage can tell the walk more than it knew: an artifact's last stage, what an import
      // copies. So walk again, until a round pulls nothing (a chain is a few stages long).
      for (int round = 0; round < MAX_ROUNDS; round++) {
        Map<ImageSpec, List<Stage>> chains = build.walk(invocation, dockerConfig, new QuietBuildConsole(console));
        int before = pulled.size();
        Set<String> waiting = new HashSet<>();
        for (Map.Entry<ImageSpec, List<Stage>> chain : chains.entrySet()) {
          ImageSpec spec = chain.getKey();
          String subject = spec.subject();
          // This walk ended the chain at an import of an artifact pulled just now: the next one sees it whole,
          // so pulling a stage of it now would be pulling one the build does not need.
          if (spec.imports().stream().anyMatch(imported -> waiting.contains(imported.artifact()))) {
            counts.putIfAbsent(subject, 0);
            if (spec instanceof Artifact artifact) {
              waiting.add(artifact.name());
            }
            continue;
          }
          int count = pull(chain.getValue(), subject, all, pulled, absent, store, transfer, repository, invocation,
              madeBy, console, result);
          counts.merge(subject, count, Integer::sum);
          if (count > 0 && spec instanceof Artifact artifact) {
            waiting.add(artifact.name());
          }
        }
        if (pulled.size() == before) {
          break;
        }
      }
      counts.forEach((subject, count) -> {
        if (count == 0) {
          console.info(subject + ": no stage to pull from " + repository);
        }
      });
      return new StagesPullResult(result);
    }
  }

  /**
   * Pulls the newest stage of the chain the store lacks and the registry has, and makes the ones below it from
   * it (with {@code all}, or when its history cannot make them, pulls them too); returns how many it pulled.
   * {@code absent} holds the stages the registry was found not to have, asked for once per run.
   */
  private static int pull(List<Stage> stages, String subject, boolean all, Set<String> pulled, Set<String> absent,
      LocalImageStore store, BlobTransfer transfer, Repository repository, CommandInvocation invocation,
      Map<String, String> madeBy, Console console, List<PulledStage> result) throws DappException {
    int count = 0;
    for (int i = stages.size() - 1; i >= 0; i--) {
      Stage stage = stages.get(i);
      String tag = stage.signature().stageTag();
      if (stage.cached() || pulled.contains(tag) || store.resolve(tag).isPresent()) {
        if (all) {
          continue;
        }
        break;
      }
      if (absent.contains(tag)) {
        continue;
      }
      // One GET per stage: its 404 says the registry has no such stage, as a HEAD first would.
      Optional<StoredImage> found = transfer.pullImageIfPresent(repository.withTag(tag),
          RegistryBaseImageFetcher.registryPlatform(invocation.buildOptions().platform()));
      if (found.isEmpty()) {
        absent.add(tag);
        continue;
      }
      store.tag(tag, found.get().manifestDescriptor(), madeBy);
      pulled.add(tag);
      count++;
      result.add(new PulledStage(subject, stage.description(), stage.signature()));
      OptionalInt made = all ? OptionalInt.empty() : StageHistory.restoreEarlier(stages, i, found.get(), store, madeBy);
      console.info(subject + ": " + stage.description() + ": pulled stage " + stage.signature().shortForm()
          + (made.orElse(0) == 0 ? "" : " (the " + made.getAsInt() + (made.getAsInt() == 1 ? " stage" : " stages")
              + " below it made from its history)"));
      if (made.isPresent()) {
        break;
      }
    }
    return count;
  }
}
