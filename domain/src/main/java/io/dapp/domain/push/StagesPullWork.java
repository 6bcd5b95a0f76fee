package io.dapp.domain.push;

import io.dapp.domain.build.BlobTransfer;
import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.RegistryBaseImageFetcher;
import io.dapp.domain.build.Stage;
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
import java.util.Set;

/**
 * {@code dapp dimg stages pull REPO [--all]}: for each dimg, its stage chain is computed as a build would
 * (nothing built), then walked from the last stage backwards: each stage the store lacks and the registry
 * has is pulled and tagged {@code dimgstage-<signature>}, until a stage the store has (with {@code --all},
 * the whole chain). The builder walks stages first to last, so every stage up to the newest one must be
 * there for a following build to rebuild nothing; their layers are shared, so this costs little more than
 * their configs and manifests.
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
      Map<String, Integer> counts = new LinkedHashMap<>();
      // A pulled stage can tell the walk more than it knew: an artifact's last stage, what an import
      // copies. So walk again, until a round pulls nothing (a chain is a few stages long).
      for (int round = 0; round < MAX_ROUNDS; round++) {
        Map<ImageSpec, List<Stage>> chains = build.walk(invocation, dockerConfig, new QuietBuildConsole(console));
        int before = pulled.size();
        for (Map.Entry<ImageSpec, List<Stage>> chain : chains.entrySet()) {
          String subject = chain.getKey().subject();
          counts.merge(subject, pull(chain.getValue(), subject, all, pulled, store, transfer, repository,
              invocation, madeBy, console, result), Integer::sum);
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

  /** Pulls the chain's stages the store lacks and the registry has, newest first; returns how many. */
  private static int pull(List<Stage> stages, String subject, boolean all, Set<String> pulled, LocalImageStore store,
      BlobTransfer transfer, Repository repository, CommandInvocation invocation, Map<String, String> madeBy,
      Console console, List<PulledStage> result) throws DappException {
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
      // One GET per stage: its 404 says the registry has no such stage, as a HEAD first would.
      Optional<StoredImage> found = transfer.pullImageIfPresent(repository.withTag(tag),
          RegistryBaseImageFetcher.registryPlatform(invocation.buildOptions().platform()));
      if (found.isEmpty()) {
        continue;
      }
      store.tag(tag, found.get().manifestDescriptor(), madeBy);
      pulled.add(tag);
      count++;
      result.add(new PulledStage(subject, stage.description(), stage.signature()));
      console.info(subject + ": " + stage.description() + ": pulled stage " + stage.signature().shortForm());
    }
    return count;
  }
}
