package io.dapp.domain.cleanup;

import static io.dapp.domain.cleanup.Images.BACKEND;
import static io.dapp.domain.cleanup.Images.FRONTEND;
import static io.dapp.domain.cleanup.Images.REPO;
import static io.dapp.domain.cleanup.Images.digest;
import static io.dapp.domain.cleanup.Images.dimg;
import static io.dapp.domain.cleanup.Images.foreign;
import static io.dapp.domain.cleanup.Images.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.Digest;
import io.dapp.domain.tag.Slug;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CleanupPolicyTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String COMMIT_A = "a".repeat(40);
  private static final String COMMIT_B = "b".repeat(40);
  private static final GitFacts GIT = new GitFacts(
      Set.of("master", "feature/Login"),
      Map.of("v1.0", NOW.minus(Duration.ofDays(3))),
      Map.of(COMMIT_A, NOW.minus(Duration.ofDays(1))),
      false);

  private static CleanupPlan cleanup(List<RegistryImage> images, GitFacts git, PolicySettings settings,
      KubernetesUsage kube, boolean withStages) {
    return CleanupPolicy.cleanup(images, Set.of(REPO, BACKEND, FRONTEND), withStages, git, settings, kube, NOW);
  }

  private static CleanupPlan cleanup(RegistryImage... images) {
    return cleanup(List.of(images), GIT, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, false);
  }

  static Stream<Arguments> schemeRules() {
    return Stream.of(
        Arguments.of("git_branch", "master", GIT, Decision.KEEP, "git branch 'master' exists"),
        Arguments.of("git_branch", Slug.of("feature/Login"), GIT, Decision.KEEP, "git branch 'feature/Login' exists"),
        Arguments.of("git_branch", "feature-login", GIT, Decision.DELETE, "no git branch has the slug 'feature-login'"),
        Arguments.of("git_branch", "gone", GIT, Decision.DELETE, "no git branch has the slug 'gone'"),
        Arguments.of("git_branch", "gone", GitFacts.NONE, Decision.KEEP, "git knows no branches"),
        Arguments.of("git_tag", Slug.of("v1.0"), GIT, Decision.KEEP, "git tag exists"),
        Arguments.of("git_tag", "v2-0", GIT, Decision.DELETE, "no git tag has the slug 'v2-0'"),
        Arguments.of("git_commit", COMMIT_A, GIT, Decision.KEEP, "commit exists"),
        Arguments.of("git_commit", COMMIT_B, GIT, Decision.DELETE, "commit " + COMMIT_B + " is not in the git repository"),
        Arguments.of("git_commit", COMMIT_B, new GitFacts(Set.of("master"), Map.of(), Map.of(), true), Decision.KEEP,
            "the git clone is shallow"),
        Arguments.of("git_commit", "abc123", GIT, Decision.KEEP, "'abc123' is not a full commit id"),
        Arguments.of("custom", "anything", GIT, Decision.KEEP, "custom tags are never cleaned up"),
        Arguments.of("ci", "anything", GitFacts.NONE, Decision.KEEP, "ci tags are never cleaned up"),
        Arguments.of("git_flow", "anything", GIT, Decision.KEEP, "unknown tag scheme 'git_flow'"));
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> {3}")
  @MethodSource("schemeRules")
  void eachSchemeFollowsItsGitRule(String scheme, String tag, GitFacts git, Decision decision, String reason) {
    RegistryImage image = dimg(BACKEND, tag, scheme);

    CleanupPlan plan = cleanup(List.of(image), git, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, false);

    assertThat(plan.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.decision()).isEqualTo(decision);
      assertThat(entry.reason()).contains(reason);
    });
  }

  @Test
  void imagesWithoutTheDappLabel_areNeverDeleted() {
    CleanupPlan plan = cleanup(foreign(BACKEND, "latest", digest("x")));

    assertThat(plan.entries()).singleElement().satisfies(e -> {
      assertThat(e.decision()).isEqualTo(Decision.KEEP);
      assertThat(e.reason()).contains("not a dapp image");
    });
  }

  @Test
  void gitTagLimit_keepsTheNewest_andDeletesTheOldestBeyondIt() {
    Map<String, Instant> tags = new HashMap<>();
    List<RegistryImage> images = new ArrayList<>();
    for (int day = 1; day <= 5; day++) {
      tags.put("v" + day, NOW.minus(Duration.ofDays(day)));
      images.add(dimg(BACKEND, "v" + day, "git_tag"));
    }
    GitFacts git = new GitFacts(Set.of("master"), tags, Map.of(), false);
    PolicySettings limitTwo = new PolicySettings(2, Duration.ofDays(30), 50, Duration.ofDays(30));

    CleanupPlan plan = cleanup(images, git, limitTwo, KubernetesUsage.NOT_ASKED, false);

    assertThat(deleted(plan)).containsExactlyInAnyOrder(BACKEND + ":v3", BACKEND + ":v4", BACKEND + ":v5");
    assertThat(plan.entry(BACKEND + ":v5").orElseThrow().reason())
        .isEqualTo("beyond GIT_TAGS_LIMIT_POLICY: 2 newer git tag images of this dimg are kept");
  }

  @Test
  void limits_applyPerDimg() {
    Map<String, Instant> tags = Map.of("v1", NOW.minus(Duration.ofDays(1)), "v2", NOW.minus(Duration.ofDays(2)));
    GitFacts git = new GitFacts(Set.of("master"), tags, Map.of(), false);
    PolicySettings limitOne = new PolicySettings(1, Duration.ofDays(30), 50, Duration.ofDays(30));
    List<RegistryImage> images = List.of(dimg(BACKEND, "v1", "git_tag"), dimg(BACKEND, "v2", "git_tag"),
        dimg(FRONTEND, "v2", "git_tag"));

    CleanupPlan plan = cleanup(images, git, limitOne, KubernetesUsage.NOT_ASKED, false);

    assertThat(deleted(plan)).containsExactly(BACKEND + ":v2");
  }

  @Test
  void expiry_deletesWhatIsOlderThanThePeriod_byTheGitDate() {
    Map<String, Instant> tags = Map.of("old", NOW.minus(Duration.ofDays(31)), "new", NOW.minus(Duration.ofDays(29)));
    GitFacts git = new GitFacts(Set.of("master"), tags, Map.of(), false);

    CleanupPlan plan = cleanup(List.of(dimg(BACKEND, "old", "git_tag"), dimg(BACKEND, "new", "git_tag")), git,
        PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, false);

    assertThat(deleted(plan)).containsExactly(BACKEND + ":old");
    assertThat(plan.entry(BACKEND + ":old").orElseThrow().reason())
        .startsWith("older than EXPIRY_DATE_PERIOD_POLICY (30 days): git tag date 2026-05-01");
  }

  @Test
  void commitLimitAndExpiry_useTheCommitVariables() {
    Map<String, Instant> commits = new HashMap<>();
    List<RegistryImage> images = new ArrayList<>();
    for (int hour = 1; hour <= 4; hour++) {
      String id = Integer.toString(hour).repeat(40);
      commits.put(id, NOW.minus(Duration.ofHours(hour)));
      images.add(dimg(BACKEND, id, "git_commit"));
    }
    String ancient = "f".repeat(40);
    commits.put(ancient, NOW.minus(Duration.ofDays(3)));
    images.add(dimg(BACKEND, ancient, "git_commit"));
    GitFacts git = new GitFacts(Set.of("master"), Map.of(), commits, false);
    PolicySettings settings = new PolicySettings(10, Duration.ofDays(30), 2, Duration.ofDays(2));

    CleanupPlan plan = cleanup(images, git, settings, KubernetesUsage.NOT_ASKED, false);

    assertThat(deleted(plan)).containsExactlyInAnyOrder(BACKEND + ":" + "3".repeat(40), BACKEND + ":" + "4".repeat(40),
        BACKEND + ":" + ancient);
    assertThat(plan.entry(BACKEND + ":" + ancient).orElseThrow().reason())
        .startsWith("older than GIT_COMMITS_EXPIRY_DATE_PERIOD_POLICY (2 days): commit date");
  }

  @Test
  void theGitDateDecidesTheAge_soReproducibleEpochCreatedTimesDoNotExpireEverything() {
    GitFacts git = new GitFacts(Set.of("master"), Map.of("v1", NOW.minus(Duration.ofDays(1))), Map.of(), false);
    RegistryImage tagged = dimg(BACKEND, "v1", "git_tag", "s", digest("t"), Instant.EPOCH);

    CleanupPlan plan = cleanup(List.of(tagged), git, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, false);

    assertThat(plan.entries()).singleElement().satisfies(e -> assertThat(e.decision()).isEqualTo(Decision.KEEP));
  }

  @Test
  void aDigestSharedWithAKeptTag_isKept_andSaysWhy() {
    Digest shared = digest("shared");
    RegistryImage gone = dimg(BACKEND, "gone", "git_branch", "s", shared, null);
    RegistryImage release = dimg(BACKEND, "release", "custom", "s", shared, null);
    RegistryImage alsoGone = dimg(BACKEND, "also-gone", "git_branch");

    CleanupPlan plan = cleanup(gone, release, alsoGone);

    assertThat(deleted(plan)).containsExactly(BACKEND + ":also-gone");
    assertThat(plan.entry(BACKEND + ":gone").orElseThrow().reason())
        .isEqualTo("shares its digest with kept tag 'release' (no git branch has the slug 'gone')");
  }

  @Test
  void aDigestAllOfWhoseTagsGo_isDeletedOnce() {
    Digest shared = digest("shared");
    CleanupPlan plan = cleanup(dimg(BACKEND, "a", "git_branch", "s", shared, null),
        dimg(BACKEND, "b", "git_branch", "s", shared, null));

    assertThat(plan.deleteTargets()).hasSize(1).containsKey(new DeleteTarget(BACKEND, shared));
    assertThat(plan.deleteTargets().get(new DeleteTarget(BACKEND, shared))).hasSize(2);
  }

  @Test
  void aDigestSharedWithAForeignTag_isKept() {
    Digest shared = digest("shared");
    CleanupPlan plan = cleanup(dimg(BACKEND, "gone", "git_branch", "s", shared, null), foreign(BACKEND, "latest", shared));

    assertThat(deleted(plan)).isEmpty();
  }

  @Test
  void sameDigestInAnotherRepository_doesNotProtect() {
    Digest shared = digest("shared");
    CleanupPlan plan = cleanup(dimg(BACKEND, "gone", "git_branch", "s", shared, null),
        dimg(FRONTEND, "keep", "custom", "s", shared, null));

    assertThat(deleted(plan)).containsExactly(BACKEND + ":gone");
  }

  @Test
  void imagesKubernetesUses_areKept_byTagOrDigest() {
    RegistryImage byTag = dimg(BACKEND, "gone", "git_branch");
    RegistryImage byDigest = dimg(FRONTEND, "gone", "git_branch");
    RegistryImage unused = dimg(BACKEND, "unused", "git_branch");
    KubernetesUsage kube = KubernetesUsage.of(List.of(BACKEND + ":gone",
        "docker-pullable://" + FRONTEND + "@" + byDigest.digest(), "sha256:" + "0".repeat(64), "Not An Image"));

    CleanupPlan plan = cleanup(List.of(byTag, byDigest, unused), GIT, PolicySettings.DEFAULTS, kube, false);

    assertThat(deleted(plan)).containsExactly(BACKEND + ":unused");
    assertThat(plan.entry(BACKEND + ":gone").orElseThrow().reason())
        .isEqualTo("in use in Kubernetes (" + BACKEND + ":gone)");
  }

  @Test
  void withoutDimgsSelected_otherDimgsAreKept() {
    RegistryImage frontend = dimg(FRONTEND, "gone", "git_branch");

    CleanupPlan plan = CleanupPolicy.cleanup(List.of(frontend, dimg(BACKEND, "gone", "git_branch")), Set.of(BACKEND),
        false, GIT, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, NOW);

    assertThat(deleted(plan)).containsExactly(BACKEND + ":gone");
    assertThat(plan.entry(FRONTEND + ":gone").orElseThrow().reason()).isEqualTo("dimg not selected for cleanup");
  }

  // ---- stages -----------------------------------------------------------------------------------

  /** Chain s1 <- s2 <- s3 (master) and s1 <- s4 (gone branch); s9 belongs to no one. */
  private static List<RegistryImage> chains() {
    return List.of(
        stage("s1", null), stage("s2", "s1"), stage("s3", "s2"), stage("s4", "s1"), stage("s9", null),
        dimg(BACKEND, "master", "git_branch", "s3", digest("m"), null),
        dimg(BACKEND, "gone", "git_branch", "s4", digest("g"), null));
  }

  @Test
  void withStages_deletesTheStagesOnlyDeletedImagesUsed_followingParents() {
    CleanupPlan plan = cleanup(chains(), GIT, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, true);

    assertThat(deleted(plan)).containsExactlyInAnyOrder(BACKEND + ":gone", REPO + ":dimgstage-s4", REPO + ":dimgstage-s9");
    assertThat(plan.entry(REPO + ":dimgstage-s1").orElseThrow().reason()).isEqualTo("used by " + BACKEND + ":master");
  }

  @Test
  void withoutWithStages_stagesAreKept() {
    CleanupPlan plan = cleanup(chains(), GIT, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, false);

    assertThat(deleted(plan)).containsExactly(BACKEND + ":gone");
  }

  @Test
  void aDimgKeptForItsDigest_keepsItsStages() {
    List<RegistryImage> images = new ArrayList<>(chains());
    images.add(dimg(BACKEND, "pinned", "custom", "s4", digest("g"), null));

    CleanupPlan plan = cleanup(images, GIT, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, true);

    assertThat(deleted(plan)).containsExactly(REPO + ":dimgstage-s9");
  }

  @Test
  void aRemainingDimgThatDoesNotNameItsStages_keepsEveryStage() {
    List<RegistryImage> images = new ArrayList<>(chains());
    images.add(dimg(FRONTEND, "master", "git_branch", null, digest("u"), null));

    CleanupPlan plan = CleanupPolicy.stagesCleanup(images);

    assertThat(deleted(plan)).isEmpty();
    assertThat(plan.entry(REPO + ":dimgstage-s9").orElseThrow().reason()).contains("does not name its stages");
  }

  @Test
  void stagesCleanup_deletesOnlyStagesNoDimgUses() {
    CleanupPlan plan = CleanupPolicy.stagesCleanup(chains());

    assertThat(deleted(plan)).containsExactly(REPO + ":dimgstage-s9");
  }

  @Test
  void theStagesOfAnArtifactAKeptStageImportsFrom_areKept_andThoseOfADeletedOnesAreNot() {
    // Artifact chain a1 <- a2, imported by s3 (master); artifact chain b1 <- b2, imported by s4 (gone).
    List<RegistryImage> images = new ArrayList<>(List.of(stage("a1", null), stage("a2", "a1"),
        stage("b1", null), stage("b2", "b1"), stage("s1", null), stage("s2", "s1"),
        importing(stage("s3", "s2"), "a2"), importing(stage("s4", "s1"), "b2 a2"),
        dimg(BACKEND, "master", "git_branch", "s3", digest("m"), null),
        dimg(BACKEND, "gone", "git_branch", "s4", digest("g"), null)));

    CleanupPlan plan = cleanup(images, GIT, PolicySettings.DEFAULTS, KubernetesUsage.NOT_ASKED, true);

    assertThat(deleted(plan)).containsExactlyInAnyOrder(BACKEND + ":gone", REPO + ":dimgstage-s4",
        REPO + ":dimgstage-b1", REPO + ":dimgstage-b2");
    assertThat(plan.entry(REPO + ":dimgstage-a1").orElseThrow().reason()).isEqualTo("used by " + BACKEND + ":master");
  }

  private static RegistryImage importing(RegistryImage stage, String artifactStages) {
    Map<String, String> labels = new java.util.HashMap<>(stage.labels());
    labels.put(io.dapp.domain.image.DappLabels.IMPORTED_STAGE_SIGNATURES, artifactStages);
    return new RegistryImage(stage.repository(), stage.tag(), stage.digest(), stage.created(), labels);
  }

  @Test
  void flush_deletesEveryDimgImage_customToo_butNotForeignTags() {
    CleanupPlan plan = CleanupPolicy.flush(List.of(dimg(BACKEND, "v1", "custom"), dimg(REPO, "master", "ci"),
        foreign(REPO, "latest", digest("f")), stage("s1", null)), false);

    assertThat(deleted(plan)).containsExactlyInAnyOrder(BACKEND + ":v1", REPO + ":master");
  }

  @Test
  void flushWithStages_deletesStagesToo() {
    CleanupPlan plan = CleanupPolicy.flush(List.of(dimg(BACKEND, "v1", "custom"), stage("s1", null)), true);

    assertThat(deleted(plan)).containsExactlyInAnyOrder(BACKEND + ":v1", REPO + ":dimgstage-s1");
  }

  @Test
  void stagesFlush_deletesEveryStage_andNoDimg() {
    CleanupPlan plan = CleanupPolicy.stagesFlush(chains());

    assertThat(deleted(plan)).hasSize(5).allMatch(name -> name.startsWith(REPO + ":dimgstage-"));
  }

  @Test
  void aStageSharingADigestWithAKeptImage_isKept() {
    RegistryImage stage = stage("s1", null);
    RegistryImage pinned = foreign(REPO, "pinned", stage.digest());

    CleanupPlan plan = CleanupPolicy.stagesFlush(List.of(stage, pinned));

    assertThat(deleted(plan)).isEmpty();
  }

  private static List<String> deleted(CleanupPlan plan) {
    return plan.deletions().stream().map(e -> e.image().toString()).toList();
  }
}
