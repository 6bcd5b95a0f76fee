package io.dapp.domain.cleanup;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Dappfiles;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.KubernetesImages;
import io.dapp.domain.port.SourceRepositories;
import io.dapp.domain.port.SourceRepository;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.tag.TagScheme;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The work of the four cleaning commands: read REPO (and the dimgs' repositories), plan with the pure
 * {@link CleanupPolicy}, and unless {@code --dry-run} delete manifest by manifest, going on after a failure.
 * Nothing is deleted before the whole plan is made. The plan and each outcome come back as a
 * {@link CleanupReport}, which the command line prints (and fails on, see {@link CleanupReport#requireAllDeleted}).
 */
public final class CleanupWork implements RegistryWork {

  private final CleanupKind kind;
  private final RegistryClientFactory registries;
  private final ImageInventory inventory;
  private final Dappfiles dappfiles;
  private final SourceRepositories git;
  private final KubernetesImages kubernetes;
  private final Environment environment;
  private final Clock clock;

  public CleanupWork(CleanupKind kind, RegistryClientFactory registries, ImageInventory inventory, Dappfiles dappfiles,
      SourceRepositories git, KubernetesImages kubernetes, Environment environment, Clock clock) {
    this.kind = Objects.requireNonNull(kind, "'kind' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
    this.inventory = Objects.requireNonNull(inventory, "'inventory' must not be null");
    this.dappfiles = Objects.requireNonNull(dappfiles, "'dappfiles' must not be null");
    this.git = Objects.requireNonNull(git, "'git' must not be null");
    this.kubernetes = Objects.requireNonNull(kubernetes, "'kubernetes' must not be null");
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
  }

  @Override
  public CleanupReport perform(CommandInvocation invocation, CommandCategory phase, LoginSession session,
      Console console) throws DappException {
    CleanupOptions options = invocation.commandOptions().find(CleanupOptions.class).orElse(CleanupOptions.DEFAULTS);
    Repository repository = invocation.repository().orElseThrow(
        () -> new IllegalArgumentException("a cleaning command needs a repository"));
    // Everything that can fail on input is checked before the registry is read.
    PolicySettings settings = kind == CleanupKind.DIMG_CLEANUP ? PolicySettings.fromEnvironment(environment)
        : PolicySettings.DEFAULTS;
    Repositories repositories = repositories(invocation, repository, options);
    KubernetesUsage kube = KubernetesUsage.NOT_ASKED;
    if (kind == CleanupKind.DIMG_CLEANUP && !options.withoutKube()) {
      kube = KubernetesUsage.of(kubernetes.inUse());
      console.debug("Kubernetes uses " + kube.size() + " image reference(s)");
    }
    try (RegistryClient client = registries.open(session.dockerConfig(), invocation.registryOptions())) {
      List<RegistryImage> images = inventory.read(client, repositories.toRead(), console);
      CleanupPlan plan = switch (kind) {
        case DIMG_CLEANUP -> CleanupPolicy.cleanup(images, repositories.selected(), options.withStages(),
            gitFacts(invocation, images, repositories.selected()), settings, kube, clock.instant());
        case DIMG_FLUSH -> CleanupPolicy.flush(images, options.withStages());
        case STAGES_CLEANUP -> CleanupPolicy.stagesCleanup(images);
        case STAGES_FLUSH -> CleanupPolicy.stagesFlush(images);
      };
      Map<PlanEntry, DeleteOutcome> outcomes = options.dryRun() ? Map.of() : delete(client, plan, console);
      return new CleanupReport(invocation.command(), repository, options.dryRun(), plan, outcomes);
    }
  }

  private record Repositories(List<Repository> toRead, Set<Repository> selected) {}

  private Repositories repositories(CommandInvocation invocation, Repository repository, CleanupOptions options)
      throws InvalidInputException {
    if (kind == CleanupKind.STAGES_FLUSH) {
      return new Repositories(List.of(repository), Set.of());
    }
    List<Optional<String>> dimgs = dappfiles.dimgNames(invocation.projectDirectory());
    Set<Repository> all = new LinkedHashSet<>();
    for (Optional<String> dimg : dimgs) {
      all.add(dimgRepository(repository, dimg));
    }
    Set<Repository> selected = new LinkedHashSet<>();
    if (invocation.dimgs().isEmpty()) {
      selected.addAll(all);
    } else {
      for (String name : invocation.dimgs()) {
        if (!dimgs.contains(Optional.of(name))) {
          throw new InvalidInputException("there is no dimg '" + name + "' in the dappfile");
        }
        selected.add(dimgRepository(repository, Optional.of(name)));
      }
    }
    Set<Repository> toRead = new LinkedHashSet<>();
    switch (kind) {
      case DIMG_CLEANUP -> {
        toRead.addAll(selected);
        if (options.withStages()) {
          // Stages are shared by every dimg: which are still used can only be told from all of them.
          toRead.add(repository);
          toRead.addAll(all);
        }
      }
      case DIMG_FLUSH, STAGES_CLEANUP -> {
        toRead.add(repository);
        toRead.addAll(all);
      }
      case STAGES_FLUSH -> toRead.add(repository);
    }
    return new Repositories(List.copyOf(toRead), selected);
  }

  /** A named dimg lives in {@code REPO/<name>}, the nameless one in REPO itself. */
  static Repository dimgRepository(Repository repository, Optional<String> dimg) throws InvalidInputException {
    if (dimg.isEmpty()) {
      return repository;
    }
    try {
      return new Repository(repository.host(), repository.path() + "/" + dimg.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("dimg '" + dimg.get() + "' cannot be a repository name: " + e.getMessage());
    }
  }

  /** Git is asked only when a selected image has a git tag scheme, and then about every such commit. */
  private GitFacts gitFacts(CommandInvocation invocation, List<RegistryImage> images, Set<Repository> selected)
      throws DappException {
    List<RegistryImage> gitImages = images.stream()
        .filter(i -> i.kind() == ImageKind.DIMG && selected.contains(i.repository()))
        .filter(i -> i.scheme().filter(s -> s == TagScheme.GIT_BRANCH || s == TagScheme.GIT_TAG
            || s == TagScheme.GIT_COMMIT).isPresent())
        .toList();
    if (gitImages.isEmpty()) {
      return GitFacts.NONE;
    }
    try (SourceRepository source = git.open(invocation.projectDirectory())) {
      Map<String, Instant> commits = new HashMap<>();
      for (RegistryImage image : gitImages) {
        if (image.scheme().orElseThrow() == TagScheme.GIT_COMMIT) {
          source.commitTime(image.tag()).ifPresent(time -> commits.put(image.tag(), time));
        }
      }
      return new GitFacts(source.branches(), source.tags(), commits, source.isShallow());
    }
  }

  /**
   * Every planned delete is tried, on the bounded pool (a thousand deletes one after another wait a thousand
   * round trips); outcomes are reported in the plan's order. An unreadable docker config stops the command,
   * as any input error does. The tags are read once more first: a manifest that a tag pushed meanwhile
   * points at (a pipeline pushing the same image under a kept tag) is not deleted, since deleting a manifest
   * deletes all its tags. What remains is the moment between that read and each delete, which the registry
   * API cannot close.
   */
  private Map<PlanEntry, DeleteOutcome> delete(RegistryClient client, CleanupPlan plan, Console console)
      throws DappException {
    List<Map.Entry<DeleteTarget, List<PlanEntry>>> targets = List.copyOf(plan.deleteTargets().entrySet());
    Map<DeleteTarget, Set<String>> tagsNow = targets.isEmpty() ? Map.of()
        : inventory.tagsByManifest(client, plan.deleteTargets().keySet().stream().map(DeleteTarget::repository)
            .collect(Collectors.toCollection(LinkedHashSet::new)), console);
    List<Callable<DeleteOutcome>> deletes = new ArrayList<>();
    for (Map.Entry<DeleteTarget, List<PlanEntry>> target : targets) {
      Set<String> unplanned = new TreeSet<>(tagsNow.getOrDefault(target.getKey(), Set.of()));
      target.getValue().forEach(entry -> unplanned.remove(entry.image().tag()));
      DeleteOutcome kept = DeleteOutcome.kept("tag " + String.join(", ", unplanned)
          + " was pushed onto the same manifest while cleaning");
      deletes.add(unplanned.isEmpty() ? () -> deleteOne(client, target.getKey()) : () -> kept);
    }
    Map<PlanEntry, DeleteOutcome> outcomes = new LinkedHashMap<>();
    try (BoundedPool pool = new BoundedPool(inventory.parallelism(), "dapp-registry-delete",
        "interrupted while deleting; the deletes already sent are done")) {
      List<Future<DeleteOutcome>> futures = pool.submitAll(deletes);
      for (int i = 0; i < targets.size(); i++) {
        DeleteOutcome outcome = pool.await(futures.get(i), futures);
        for (PlanEntry entry : targets.get(i).getValue()) {
          outcomes.put(entry, outcome);
        }
      }
    }
    return outcomes;
  }

  private static DeleteOutcome deleteOne(RegistryClient client, DeleteTarget target) throws InvalidInputException {
    try {
      client.deleteManifest(target.repository(), target.digest());
      return DeleteOutcome.DELETED;
    } catch (ManifestUnknownException gone) {
      return DeleteOutcome.ALREADY_GONE;
    } catch (RegistryException e) {
      return DeleteOutcome.failed(e.getMessage());
    }
  }
}
