package io.dapp.domain.cleanup;

import io.dapp.domain.model.Repository;
import io.dapp.domain.tag.TagScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cleaning policies as pure functions from what was read to a plan. Every function ends with the same
 * two safety steps: images Kubernetes uses are kept (cleanup), and a digest is deleted only when every tag
 * pointing to it in its repository is to be deleted, because deleting a manifest removes all its tags.
 * Stages depend on the dimg images that remain, and keeping a digest can make a dimg image remain, so the
 * stage decision and the digest check are repeated until nothing changes (decisions only ever turn from
 * delete to keep, so this ends).
 */
public final class CleanupPolicy {

  /** Created times before this are not real: reproducible builds write the epoch. */
  static final Instant PLAUSIBLE_SINCE = Instant.parse("2000-01-01T00:00:00Z");

  private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

  private CleanupPolicy() {}

  /**
   * {@code dimg cleanup repo}.
   *
   * @param images every tag read: the selected dimgs' repositories, and with stages REPO and every dimg's
   * @param selected the repositories of the dimgs to clean
   */
  public static CleanupPlan cleanup(List<RegistryImage> images, Set<Repository> selected, boolean withStages,
      GitFacts git, PolicySettings settings, KubernetesUsage kube, Instant now) {
    Map<RegistryImage, PlanEntry> decided = new LinkedHashMap<>();
    Map<GroupKey, List<Candidate>> aged = new LinkedHashMap<>();
    for (RegistryImage image : images) {
      switch (image.kind()) {
        case OTHER -> decided.put(image, notDapps(image));
        case STAGE -> { }
        case DIMG -> {
          if (!selected.contains(image.repository())) {
            decided.put(image, PlanEntry.keep(image, "dimg not selected for cleanup"));
          } else {
            bySchemeAndGit(image, git, decided, aged);
          }
        }
      }
    }
    aged.forEach((group, candidates) -> decided.putAll(byAgeAndLimit(group.scheme(), candidates, settings, now)));
    decided.replaceAll((image, entry) -> protectInUse(entry, kube));
    StageRule stages = withStages
        ? StageRule.UNUSED
        : (image, users) -> PlanEntry.keep(image, "stages are deleted only with --with-stages");
    return finish(images, decided, stages, kube);
  }

  /** {@code dimg flush repo}: every dimg image; every stage too with {@code --with-stages}. */
  public static CleanupPlan flush(List<RegistryImage> images, boolean withStages) {
    Map<RegistryImage, PlanEntry> decided = new LinkedHashMap<>();
    for (RegistryImage image : images) {
      if (image.kind() == ImageKind.DIMG) {
        decided.put(image, PlanEntry.delete(image, "flush deletes every dimg image"));
      } else if (image.kind() == ImageKind.OTHER) {
        decided.put(image, notDapps(image));
      }
    }
    StageRule stages = withStages
        ? (image, users) -> PlanEntry.delete(image, "flush --with-stages deletes every stage")
        : (image, users) -> PlanEntry.keep(image, "stages are flushed only with --with-stages");
    return finish(images, decided, stages, KubernetesUsage.NOT_ASKED);
  }

  /** {@code dimg stages flush repo}: every stage. */
  public static CleanupPlan stagesFlush(List<RegistryImage> images) {
    return finish(images, othersKept(images, "stages flush deletes stages only"),
        (image, users) -> PlanEntry.delete(image, "stages flush deletes every stage"), KubernetesUsage.NOT_ASKED);
  }

  /** {@code dimg stages cleanup repo}: the stages that no dimg image uses, following the parent chain. */
  public static CleanupPlan stagesCleanup(List<RegistryImage> images) {
    return finish(images, othersKept(images, "stages cleanup deletes stages only"), StageRule.UNUSED,
        KubernetesUsage.NOT_ASKED);
  }

  private static Map<RegistryImage, PlanEntry> othersKept(List<RegistryImage> images, String dimgReason) {
    Map<RegistryImage, PlanEntry> decided = new LinkedHashMap<>();
    for (RegistryImage image : images) {
      if (image.kind() == ImageKind.DIMG) {
        decided.put(image, PlanEntry.keep(image, dimgReason));
      } else if (image.kind() == ImageKind.OTHER) {
        decided.put(image, notDapps(image));
      }
    }
    return decided;
  }

  private static PlanEntry notDapps(RegistryImage image) {
    return PlanEntry.keep(image, "not a dapp image (no dapp-dimg label)");
  }

  // ---- git rules -------------------------------------------------------------------------------------

  private record GroupKey(Repository repository, Optional<String> dimg, TagScheme scheme) {}

  /** An image whose git object exists, to be judged by age and count; {@code date} from git when known. */
  private record Candidate(RegistryImage image, Optional<Instant> gitDate) {

    Optional<Instant> age() {
      return gitDate.or(image::created).filter(time -> !time.isBefore(PLAUSIBLE_SINCE));
    }

    String ageSource() {
      return gitDate.isPresent()
          ? (image.scheme().orElseThrow() == TagScheme.GIT_TAG ? "git tag date " : "commit date ")
          : "image created ";
    }
  }

  private static void bySchemeAndGit(RegistryImage image, GitFacts git, Map<RegistryImage, PlanEntry> decided,
      Map<GroupKey, List<Candidate>> aged) {
    Optional<TagScheme> scheme = image.scheme();
    if (scheme.isEmpty()) {
      decided.put(image, PlanEntry.keep(image, image.schemeLabel()
          .map(label -> "unknown tag scheme '" + label + "'")
          .orElse("no dapp-tag-scheme label")));
      return;
    }
    String tag = image.tag();
    switch (scheme.get()) {
      case CUSTOM -> decided.put(image, PlanEntry.keep(image, "custom tags are never cleaned up"));
      case CI -> decided.put(image, PlanEntry.keep(image, "ci tags are never cleaned up"));
      case GIT_BRANCH -> {
        if (git.branches().isEmpty()) {
          decided.put(image, PlanEntry.keep(image,
              "git knows no branches (a detached checkout without origin branches?), so branch images are kept"));
        } else {
          decided.put(image, git.branchWithSlug(tag)
              .map(branch -> PlanEntry.keep(image, "git branch '" + branch + "' exists"))
              .orElseGet(() -> PlanEntry.delete(image, "no git branch has the slug '" + tag + "'")));
        }
      }
      case GIT_TAG -> {
        Optional<Instant> date = git.tagDate(tag);
        if (date.isEmpty()) {
          decided.put(image, PlanEntry.delete(image, "no git tag has the slug '" + tag + "'"));
        } else {
          aged.computeIfAbsent(groupOf(image, TagScheme.GIT_TAG), k -> new ArrayList<>())
              .add(new Candidate(image, date));
        }
      }
      case GIT_COMMIT -> {
        if (!COMMIT_ID.matcher(tag).matches()) {
          decided.put(image, PlanEntry.keep(image, "'" + tag + "' is not a full commit id"));
        } else if (git.commitTime(tag).isPresent()) {
          aged.computeIfAbsent(groupOf(image, TagScheme.GIT_COMMIT), k -> new ArrayList<>())
              .add(new Candidate(image, git.commitTime(tag)));
        } else if (git.shallow()) {
          decided.put(image, PlanEntry.keep(image,
              "the git clone is shallow, so a missing commit proves nothing (fetch with GIT_DEPTH: 0)"));
        } else {
          decided.put(image, PlanEntry.delete(image, "commit " + tag + " is not in the git repository"));
        }
      }
    }
  }

  private static GroupKey groupOf(RegistryImage image, TagScheme scheme) {
    return new GroupKey(image.repository(), image.dimgName(), scheme);
  }

  /** Expired images go first; of the rest the newest {@code limit} stay. */
  private static Map<RegistryImage, PlanEntry> byAgeAndLimit(TagScheme scheme, List<Candidate> candidates,
      PolicySettings settings, Instant now) {
    boolean tags = scheme == TagScheme.GIT_TAG;
    int limit = tags ? settings.gitTagsLimit() : settings.gitCommitsLimit();
    Duration expiry = tags ? settings.gitTagsExpiry() : settings.gitCommitsExpiry();
    String limitVariable = tags ? PolicySettings.GIT_TAGS_LIMIT_POLICY : PolicySettings.GIT_COMMITS_LIMIT_POLICY;
    String expiryVariable = tags ? PolicySettings.EXPIRY_DATE_PERIOD_POLICY
        : PolicySettings.GIT_COMMITS_EXPIRY_DATE_PERIOD_POLICY;
    String what = tags ? "git tag" : "commit";
    Instant oldestKept = now.minus(expiry);

    Map<RegistryImage, PlanEntry> decided = new LinkedHashMap<>();
    List<Candidate> survivors = new ArrayList<>();
    for (Candidate candidate : candidates) {
      RegistryImage image = candidate.image();
      Optional<Instant> age = candidate.age();
      if (age.isEmpty()) {
        decided.put(image, PlanEntry.keep(image, what + " exists; its date is unknown, so "
            + expiryVariable + " and " + limitVariable + " do not apply"));
      } else if (age.get().isBefore(oldestKept)) {
        decided.put(image, PlanEntry.delete(image, "older than " + expiryVariable + " (" + human(expiry) + "): "
            + candidate.ageSource() + age.get()));
      } else {
        survivors.add(candidate);
      }
    }
    survivors.sort(Comparator.comparing((Candidate c) -> c.age().orElseThrow()).reversed()
        .thenComparing(c -> c.image().tag()));
    for (int i = 0; i < survivors.size(); i++) {
      RegistryImage image = survivors.get(i).image();
      decided.put(image, i < limit
          ? PlanEntry.keep(image, what + " exists, is within " + expiryVariable + " and among the newest "
              + limit + " (" + limitVariable + ")")
          : PlanEntry.delete(image, "beyond " + limitVariable + ": " + limit + " newer " + what
              + " images of this dimg are kept"));
    }
    return decided;
  }

  static String human(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
    }
    return seconds + " s";
  }

  // ---- Kubernetes, stages, digests -------------------------------------------------------------------

  private static PlanEntry protectInUse(PlanEntry entry, KubernetesUsage kube) {
    if (!entry.deletes()) {
      return entry;
    }
    return kube.user(entry.image())
        .map(reference -> PlanEntry.keep(entry.image(), "in use in Kubernetes (" + reference + ")"))
        .orElse(entry);
  }

  /** Decides one stage, given the remaining dimg images that use it (through the parent chain). */
  @FunctionalInterface
  private interface StageRule {

    PlanEntry decide(RegistryImage stage, Optional<RegistryImage> user);

    StageRule UNUSED = (stage, user) -> user
        .map(dimg -> PlanEntry.keep(stage, "used by " + dimg))
        .orElseGet(() -> PlanEntry.delete(stage, "no remaining dimg image uses it"));
  }

  private static CleanupPlan finish(List<RegistryImage> images, Map<RegistryImage, PlanEntry> dimgsAndOthers,
      StageRule stageRule, KubernetesUsage kube) {
    List<RegistryImage> stages = images.stream().filter(i -> i.kind() == ImageKind.STAGE).toList();
    Map<RegistryImage, PlanEntry> current = new LinkedHashMap<>(dimgsAndOthers);
    while (true) {
      Map<RegistryImage, PlanEntry> all = new LinkedHashMap<>(current);
      all.putAll(stageDecisions(stages, current.values(), stageRule, kube));
      Map<RegistryImage, PlanEntry> safe = digestSafety(all);
      boolean stable = current.keySet().stream().allMatch(i -> safe.get(i).decision() == current.get(i).decision());
      if (stable) {
        List<PlanEntry> entries = new ArrayList<>(safe.values());
        entries.sort(Comparator.comparing((PlanEntry e) -> e.image().repository().toString())
            .thenComparing(e -> e.image().kind())
            .thenComparing(e -> e.image().tag()));
        return new CleanupPlan(entries);
      }
      current.keySet().forEach(image -> current.put(image, safe.get(image)));
    }
  }

  private static Map<RegistryImage, PlanEntry> stageDecisions(List<RegistryImage> stages,
      java.util.Collection<PlanEntry> dimgDecisions, StageRule rule, KubernetesUsage kube) {
    List<RegistryImage> remaining = dimgDecisions.stream()
        .filter(e -> !e.deletes() && e.image().kind() == ImageKind.DIMG)
        .map(PlanEntry::image)
        .sorted(Comparator.comparing(RegistryImage::toString))
        .toList();
    Map<RegistryImage, PlanEntry> decided = new LinkedHashMap<>();
    Optional<RegistryImage> unsigned = remaining.stream().filter(i -> i.stageSignature().isEmpty()).findFirst();
    if (unsigned.isPresent() && rule == StageRule.UNUSED) {
      for (RegistryImage stage : stages) {
        decided.put(stage, PlanEntry.keep(stage, "dimg image " + unsigned.get()
            + " does not name its stages (no dapp-stage-signature label), so every stage is kept"));
      }
      return decided;
    }
    Map<String, RegistryImage> bySignature = new HashMap<>();
    for (RegistryImage stage : stages) {
      stage.stageSignature().ifPresent(signature -> bySignature.putIfAbsent(signature, stage));
    }
    // A dimg uses its last stage, the stages before it, and what any of them imports from artifacts.
    Map<String, RegistryImage> users = new HashMap<>();
    for (RegistryImage dimg : remaining) {
      java.util.Deque<String> pending = new java.util.ArrayDeque<>();
      dimg.stageSignature().ifPresent(pending::add);
      while (!pending.isEmpty()) {
        String signature = pending.removeFirst();
        if (users.containsKey(signature)) {
          continue;
        }
        users.put(signature, dimg);
        RegistryImage stage = bySignature.get(signature);
        if (stage != null) {
          stage.parentStageSignature().ifPresent(pending::add);
          pending.addAll(stage.importedStageSignatures());
        }
      }
    }
    for (RegistryImage stage : stages) {
      Optional<RegistryImage> user = stage.stageSignature().map(users::get);
      if (stage.stageSignature().isEmpty() && rule == StageRule.UNUSED) {
        decided.put(stage, PlanEntry.keep(stage, "stage without a dapp-stage-signature label"));
      } else {
        decided.put(stage, protectInUse(rule.decide(stage, user), kube));
      }
    }
    return decided;
  }

  /** A digest is deleted only when every tag pointing to it in its repository is to be deleted. */
  static Map<RegistryImage, PlanEntry> digestSafety(Map<RegistryImage, PlanEntry> decisions) {
    Map<DeleteTarget, List<PlanEntry>> byDigest = new LinkedHashMap<>();
    decisions.values().forEach(e -> byDigest.computeIfAbsent(DeleteTarget.of(e.image()), t -> new ArrayList<>()).add(e));
    Map<RegistryImage, PlanEntry> safe = new LinkedHashMap<>(decisions);
    for (List<PlanEntry> sharing : byDigest.values()) {
      Optional<PlanEntry> kept = sharing.stream().filter(e -> !e.deletes())
          .min(Comparator.comparing(e -> e.image().tag()));
      if (kept.isEmpty()) {
        continue;
      }
      for (PlanEntry entry : sharing) {
        if (entry.deletes()) {
          safe.put(entry.image(), PlanEntry.keep(entry.image(), "shares its digest with kept tag '"
              + kept.get().image().tag() + "' (" + entry.reason() + ")"));
        }
      }
    }
    return safe;
  }
}
