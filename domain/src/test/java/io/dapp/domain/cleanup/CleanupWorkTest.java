package io.dapp.domain.cleanup;

import static io.dapp.domain.cleanup.Images.BACKEND;
import static io.dapp.domain.cleanup.Images.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.login.LoginPolicy;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.KubernetesImages;
import io.dapp.domain.port.SourceRepositories;
import io.dapp.domain.port.SourceRepository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.InMemoryRegistryClient;
import io.dapp.domain.registry.LabelledTestImage;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestDescriptor;
import io.dapp.domain.model.Platform;
import io.dapp.domain.registry.RegexImageDocuments;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryDeniedException;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.testing.InMemoryDockerConfigStore;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.CommandOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.LoginPlanner;
import io.dapp.domain.usecase.LoginSessions;
import io.dapp.domain.usecase.LoginTargets;
import io.dapp.domain.usecase.RegistryCommandRunner;
import io.dapp.domain.usecase.RegistryWork;
import io.dapp.domain.usecase.RegistryWorks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cleaning work through the command runner, on the in-memory registry and fake git and Kubernetes. */
class CleanupWorkTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private final InMemoryRegistryClient registry = new InMemoryRegistryClient();
  private final Set<Digest> failingDeletes = new HashSet<>();
  private final AtomicInteger checkManifestCalls = new AtomicInteger();
  private final AtomicInteger pullManifestCalls = new AtomicInteger();
  private final AtomicInteger pullBlobCalls = new AtomicInteger();
  private final AtomicInteger deletesInFlight = new AtomicInteger();
  private final AtomicInteger mostDeletesInFlight = new AtomicInteger();
  /** Each delete waits here (up to a few seconds) for a second one: only deletes sent in parallel meet. */
  private CountDownLatch deletesMeet = new CountDownLatch(0);
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> out = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Set<String> branches = new HashSet<>(Set.of("master"));
  private int gitOpened;
  private KubernetesImages kubernetes = Set::of;
  /** Runs once, when the cleanup reads its first manifest: after it listed the tags, before it deletes. */
  private Runnable whileReading = () -> {};

  private final Console console = new Console() {
    @Override
    public void info(String line) {
      out.addAll(line.lines().toList());
    }

    @Override
    public void warn(String line) {
      warnings.add(line);
    }

    @Override
    public void debug(String line) {}
  };

  private final Dappfiles dappfiles = new Dappfiles() {
    @Override
    public io.dapp.domain.dappfile.Dappfile read(Path directory) {
      throw new UnsupportedOperationException("cleanup reads only the dimg names");
    }

    @Override
    public List<ImageReference> baseImages(Path directory, List<String> dimgs) {
      return List.of();
    }

    @Override
    public List<Optional<String>> dimgNames(Path directory) {
      return List.of(Optional.of("backend"), Optional.empty());
    }
  };

  private final SourceRepositories git = directory -> {
    gitOpened++;
    return new SourceRepository() {
      @Override
      public Set<String> branches() {
        return Set.copyOf(branches);
      }

      @Override
      public Map<String, Instant> tags() {
        return Map.of();
      }

      @Override
      public Optional<Instant> commitTime(String commitId) {
        return Optional.empty();
      }

      @Override
      public boolean isShallow() {
        return false;
      }

      @Override
      public void close() {}
    };
  };

  @BeforeEach
  void images() throws Exception {
    push(BACKEND, "master", "git_branch", "s-master", 1);
    push(BACKEND, "gone-1", "git_branch", "s-gone-1", 2);
    push(BACKEND, "gone-2", "git_branch", "s-gone-2", 3);
    push(BACKEND, "release", "custom", "s-release", 4);
    push(REPO, "nameless-gone", "git_branch", "s-nameless", 5);
    pushStage("s-gone-1");
    pushStage("s-master");
  }

  private Digest push(Repository repository, String tag, String scheme, String stage, long seed) throws Exception {
    Map<String, String> labels = new HashMap<>(Map.of(DappLabels.DIMG, "true", DappLabels.TAG_SCHEME, scheme,
        DappLabels.STAGE_SIGNATURE, stage));
    if (!repository.equals(REPO)) {
      labels.put(DappLabels.DIMG_NAME, "backend");
    }
    return LabelledTestImage.create(labels, NOW.minusSeconds(seed), seed).push(registry, repository.withTag(tag));
  }

  private void pushStage(String signature) throws Exception {
    LabelledTestImage.create(Map.of(DappLabels.DIMG, "false", DappLabels.STAGE_SIGNATURE, signature), NOW, 0)
        .push(registry, REPO.withTag("dimgstage-" + signature));
  }

  private CleanupReport run(DappCommand command, CleanupOptions options, String... dimgs) throws Exception {
    Map<DappCommand, RegistryWork> works = new EnumMap<>(DappCommand.class);
    for (CleanupKind kind : CleanupKind.values()) {
      works.put(kind.command(), new CleanupWork(kind, new Factory(), new ImageInventory(new RegexImageDocuments(),
          new RegexImageDocuments(), 4), dappfiles, git, kubernetes, () -> environment,
          Clock.fixed(NOW, ZoneOffset.UTC)));
    }
    InMemoryDockerConfigStore store = new InMemoryDockerConfigStore();
    LoginPlanner planner = new LoginPlanner(new LoginPolicy(), new LoginTargets(dappfiles), () -> environment);
    return new RegistryCommandRunner(planner, new LoginSessions(store, () -> environment, new Factory()), store,
        new RegistryWorks(works), () -> environment, new Factory())
        .run(new CommandInvocation(command, Optional.of(REPO), List.of(dimgs), Path.of("/project"), LoginOptions.NONE,
            RegistryOptions.defaults(), CommandOptions.of(options)), Optional.empty(), console)
        .result(CleanupReport.class);
  }

  private static CleanupOptions options(boolean dryRun, boolean withStages) {
    return new CleanupOptions(dryRun, false, withStages, false);
  }

  private static Decision decision(CleanupReport report, String image) {
    return report.plan().entry(image).orElseThrow().decision();
  }

  private static DeleteOutcome outcome(CleanupReport report, String image) {
    return report.outcome(report.plan().entry(image).orElseThrow()).orElseThrow();
  }

  @Test
  void dryRun_returnsThePlan_andDeletesNothing() throws Exception {
    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(true, true));

    assertThat(report.dryRun()).isTrue();
    assertThat(decision(report, BACKEND + ":gone-1")).isEqualTo(Decision.DELETE);
    assertThat(decision(report, BACKEND + ":master")).isEqualTo(Decision.KEEP);
    assertThat(decision(report, BACKEND + ":release")).isEqualTo(Decision.KEEP);
    assertThat(decision(report, REPO + ":nameless-gone")).isEqualTo(Decision.DELETE);
    assertThat(decision(report, REPO + ":dimgstage-s-gone-1")).isEqualTo(Decision.DELETE);
    assertThat(decision(report, REPO + ":dimgstage-s-master")).isEqualTo(Decision.KEEP);
    assertThat(report.plan().entries()).hasSize(7).allSatisfy(entry -> assertThat(entry.reason()).isNotBlank());
    assertThat(report.plan().deletions()).hasSize(4);
    assertThat(report.outcomes()).isEmpty();
    assertThat(out).as("the command line prints the report, the work does not").isEmpty();
    assertThat(registry.listTags(BACKEND)).containsExactlyInAnyOrder("master", "gone-1", "gone-2", "release");
    assertThat(registry.listTags(REPO)).hasSize(3);
  }

  @Test
  void realRun_deletesExactlyThePlannedTags_andReportsEach() throws Exception {
    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(false, true));

    assertThat(registry.listTags(BACKEND)).containsExactlyInAnyOrder("master", "release");
    assertThat(registry.listTags(REPO)).containsExactly("dimgstage-s-master");
    assertThat(report.outcomes().keySet()).containsExactlyElementsOf(report.plan().deletions());
    assertThat(report.outcomes().values()).containsOnly(DeleteOutcome.DELETED);
    assertThat(outcome(report, REPO + ":dimgstage-s-gone-1")).isEqualTo(DeleteOutcome.DELETED);
  }

  @Test
  void aTagPushedOntoAPlannedManifestWhileCleaning_keepsThatManifest_andTheOthersAreDeleted() throws Exception {
    // A pipeline pushes the image of the deleted branch gone-1 again, as 'hotfix', after the cleanup read the tags.
    Manifest goneOne = registry.pullManifest(BACKEND.withTag("gone-1"));
    whileReading = () -> {
      try {
        registry.pushManifest(BACKEND.withTag("hotfix"), goneOne);
      } catch (RegistryException e) {
        throw new IllegalStateException(e);
      }
    };

    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(false, false));

    assertThat(registry.listTags(BACKEND)).containsExactlyInAnyOrder("master", "release", "gone-1", "hotfix");
    assertThat(registry.listTags(REPO)).doesNotContain("nameless-gone");
    assertThat(outcome(report, BACKEND + ":gone-1"))
        .isEqualTo(DeleteOutcome.kept("tag hotfix was pushed onto the same manifest while cleaning"));
    assertThat(outcome(report, BACKEND + ":gone-2")).isEqualTo(DeleteOutcome.DELETED);
  }

  @Test
  void eachTag_isReadWithOneManifestRequest_andEachConfigOnce() throws Exception {
    push(BACKEND, "hotfix", "git_branch", "s-master", 1); // the same image as master: one config for two tags

    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(true, true));

    assertThat(checkManifestCalls).hasValue(0);
    assertThat(pullManifestCalls).hasValue(8);
    assertThat(pullBlobCalls).hasValue(7);
    assertThat(decision(report, BACKEND + ":hotfix")).isEqualTo(Decision.KEEP); // it shares its digest with master
  }

  @Test
  void deletes_areSentInParallel_andReportedInThePlansOrder() throws Exception {
    deletesMeet = new CountDownLatch(2);

    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(false, true));

    assertThat(mostDeletesInFlight.get()).isGreaterThanOrEqualTo(2);
    assertThat(List.copyOf(report.outcomes().keySet())).hasSize(4)
        .containsExactlyElementsOf(report.plan().deletions());
  }

  @Test
  void oneFailedDelete_doesNotStopTheOthers_butFailsTheCommand() throws Exception {
    Digest failing = registry.checkManifest(BACKEND.withTag("gone-1")).orElseThrow().digest();
    failingDeletes.add(failing);

    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(false, false));

    assertThat(registry.listTags(BACKEND)).containsExactlyInAnyOrder("master", "release", "gone-1");
    assertThat(registry.listTags(REPO)).doesNotContain("nameless-gone");
    assertThat(report.failedDeletes()).isOne();
    assertThat(outcome(report, BACKEND + ":gone-1").problem()).hasValueSatisfying(problem ->
        assertThat(problem).contains("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD"));
    assertThatThrownBy(report::requireAllDeleted).isInstanceOf(CleanupFailedException.class)
        .hasMessage("1 of 3 planned tag deletions failed (the other deletes completed)")
        .extracting(e -> ((CleanupFailedException) e).report()).isSameAs(report);
    assertThat(warnings).isEmpty();
  }

  @Test
  void deletionDisabled_isReportedForEveryTag() throws Exception {
    registry.withDeletionDisabled();

    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, options(false, false));

    assertThat(report.outcomes().values()).hasSize(3).allSatisfy(outcome -> assertThat(outcome.problem())
        .hasValueSatisfying(problem -> assertThat(problem).endsWith("deletion is disabled on this registry")));
    assertThatThrownBy(report::requireAllDeleted)
        .hasMessage("3 of 3 planned tag deletions failed (the other deletes completed)");
  }

  @Test
  void selectedDimgs_onlyTheirRepositoriesAreCleaned() throws Exception {
    run(DappCommand.DIMG_CLEANUP_REPO, options(false, false), "backend");

    assertThat(registry.listTags(REPO)).contains("nameless-gone");
    assertThat(registry.listTags(BACKEND)).containsExactlyInAnyOrder("master", "release");
  }

  @Test
  void anUnknownDimg_isBadInput() {
    assertThatThrownBy(() -> run(DappCommand.DIMG_CLEANUP_REPO, options(true, false), "nope"))
        .isInstanceOf(InvalidInputException.class).hasMessage("there is no dimg 'nope' in the dappfile");
  }

  @Test
  void kubernetesFailure_stopsBeforeAnythingIsRead_orDeleted() {
    kubernetes = () -> {
      throw new InvalidInputException("kubectl not found");
    };

    assertThatThrownBy(() -> run(DappCommand.DIMG_CLEANUP_REPO, options(false, false)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(registry.listTags(BACKEND)).hasSize(4);
    assertThat(gitOpened).isZero();
  }

  @Test
  void withoutKube_kubernetesIsNotAsked() throws Exception {
    kubernetes = () -> {
      throw new AssertionError("asked");
    };

    CleanupReport report = run(DappCommand.DIMG_CLEANUP_REPO, new CleanupOptions(true, false, false, true));

    assertThat(decision(report, BACKEND + ":gone-1")).isEqualTo(Decision.DELETE);
  }

  @Test
  void imagesKubernetesRuns_areKept() throws Exception {
    kubernetes = () -> Set.of(BACKEND + ":gone-1");

    run(DappCommand.DIMG_CLEANUP_REPO, options(false, false));

    assertThat(registry.listTags(BACKEND)).containsExactlyInAnyOrder("master", "release", "gone-1");
  }

  @Test
  void invalidPolicyVariable_isBadInput() {
    environment.put("GIT_TAGS_LIMIT_POLICY", "ten");

    assertThatThrownBy(() -> run(DappCommand.DIMG_CLEANUP_REPO, options(true, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("GIT_TAGS_LIMIT_POLICY must be a whole number from 0 to 2147483647, not 'ten'");
  }

  @Test
  void flush_asksNoGit_andDeletesEveryDimgImage_keepingStages() throws Exception {
    run(DappCommand.DIMG_FLUSH_REPO, options(false, false));

    assertThat(gitOpened).isZero();
    assertThat(registry.listTags(BACKEND)).isEmpty();
    assertThat(registry.listTags(REPO)).containsExactlyInAnyOrder("dimgstage-s-gone-1", "dimgstage-s-master");
  }

  @Test
  void stagesCleanup_deletesStagesNoDimgUses() throws Exception {
    pushStage("s-orphan");

    CleanupReport report = run(DappCommand.DIMG_STAGES_CLEANUP_REPO, options(false, false));

    assertThat(registry.listTags(REPO)).containsExactlyInAnyOrder("nameless-gone", "dimgstage-s-gone-1",
        "dimgstage-s-master");
    assertThat(decision(report, REPO + ":dimgstage-s-gone-1")).isEqualTo(Decision.KEEP);
    assertThat(outcome(report, REPO + ":dimgstage-s-orphan")).isEqualTo(DeleteOutcome.DELETED);
  }

  @Test
  void stagesFlush_deletesEveryStage_andNothingElse() throws Exception {
    run(DappCommand.DIMG_STAGES_FLUSH_REPO, options(false, false));

    assertThat(registry.listTags(REPO)).containsExactly("nameless-gone");
    assertThat(registry.listTags(BACKEND)).hasSize(4);
  }

  /** The in-memory registry, with deletes of some digests denied as GitLab denies the job token. */
  private final class Factory implements RegistryClientFactory {

    @Override
    public io.dapp.domain.network.TlsFiles tlsFiles(RegistryHost host, RegistryOptions options) {
      return new io.dapp.domain.network.TlsFiles(List.of(), List.of(), List.of(), List.of());
    }

    @Override
    public RegistryClient open(DockerConfig dockerConfig, RegistryOptions options) {
      return new RegistryClient() {
        @Override
        public void ping(RegistryHost host) {}

        @Override
        public Optional<ManifestDescriptor> checkManifest(ImageReference reference) {
          checkManifestCalls.incrementAndGet();
          return registry.checkManifest(reference);
        }

        @Override
        public Manifest pullManifest(ImageReference reference) throws RegistryException {
          pullManifestCalls.incrementAndGet();
          Runnable once = whileReading;
          whileReading = () -> {};
          once.run();
          return registry.pullManifest(reference);
        }

        @Override
        public Manifest pullImageManifest(ImageReference reference, Optional<Platform> platform)
            throws RegistryException {
          return registry.pullImageManifest(reference, platform);
        }

        @Override
        public Digest pushManifest(ImageReference target, Manifest manifest) throws RegistryException {
          return registry.pushManifest(target, manifest);
        }

        @Override
        public boolean blobExists(Repository repository, Digest digest) {
          return registry.blobExists(repository, digest);
        }

        @Override
        public BlobPush pushBlob(Repository repository, BlobSource blob, Optional<Repository> mountFrom)
            throws RegistryException {
          return registry.pushBlob(repository, blob, mountFrom);
        }

        @Override
        public long pullBlob(Repository repository, Digest digest, java.io.OutputStream target,
            java.util.function.LongConsumer progress) throws RegistryException, java.io.IOException {
          pullBlobCalls.incrementAndGet();
          return registry.pullBlob(repository, digest, target, progress);
        }

        @Override
        public List<String> listTags(Repository repository) {
          return registry.listTags(repository);
        }

        @Override
        public void deleteManifest(Repository repository, Digest digest) throws RegistryException {
          mostDeletesInFlight.accumulateAndGet(deletesInFlight.incrementAndGet(), Math::max);
          try {
            deletesMeet.countDown();
            deletesMeet.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            deletesInFlight.decrementAndGet();
          }
          if (failingDeletes.contains(digest)) {
            throw new RegistryDeniedException(RegistryAction.DELETE_MANIFEST, repository.host(), repository,
                "@" + digest, "denied: requested access to the resource is denied",
                Optional.of("set DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD"));
          }
          registry.deleteManifest(repository, digest);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void verifyLogin(RegistryHost host, Credentials credentials, RegistryOptions options) {}
  }
}
