package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.env.kube.FakeKubectl;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.adapters.registry.TokenService;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.LabelledTestImage;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.tag.Slug;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dapp dimg cleanup repo} through the assembled CLI as a GitLab job runs it: CLEANUP login against a
 * real Distribution registry with GitLab-style token auth (the job token may not delete, the cleanup user
 * may), a real git repository, and a fake kubectl on a PATH the test controls. The repository holds 63 tags
 * of the backend dimg across every scheme, with shared digests, and stage chains in REPO.
 */
class CleanupEndToEndTest {

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS);

  @TempDir
  Path root;

  private TestDapp dapp;
  private final Set<String> expectedDeleted = new HashSet<>();
  private final Set<String> expectedKept = new HashSet<>();
  private RegistryClient admin;
  private Repository repo;
  private Repository backend;
  private TestProject project;
  private Path tmp;
  private String keptCommit;
  private long seed;

  @BeforeEach
  void gitlabJob() throws Exception {
    repo = REGISTRY.newRepository();
    backend = new Repository(repo.host(), repo.path() + "/backend");
    project = TestProject.at(root.resolve("project")).branch("master").dappfile("dimg: backend\nfrom: alpine\n");
    keptCommit = project.commit("dappfile", "Dev");
    project.tag("v1.0", "v1.1", "v2.0").branchHere("feature/Keep");
    FakeKubectl kubectl = new FakeKubectl(root.resolve("bin")).runningPods(backend + ":in-kube");
    dapp = TestDapp.in(root).env("PATH", kubectl.bin().toString())
        .gitlabJob(REGISTRY.host(), TokenService.JOB_PASSWORD);
    tmp = dapp.tmp();
    admin = new JerseyRegistryClientFactory().open(
        StaticDockerConfig.basic(REGISTRY.host(), TokenService.CLEANUP_USER, TokenService.CLEANUP_PASSWORD),
        RegistryOptions.defaults());
    pushImages();
  }

  @AfterEach
  void close() {
    admin.close();
  }

  private Digest push(String tag, String scheme, String stage, boolean deleted) throws Exception {
    Digest digest = LabelledTestImage.create(Map.of(DappLabels.DIMG, "true", DappLabels.TAG_SCHEME, scheme,
        DappLabels.DIMG_NAME, "backend", DappLabels.STAGE_SIGNATURE, stage), Instant.now().minusSeconds(seed), 1)
        .push(admin, backend.withTag(tag));
    (deleted ? expectedDeleted : expectedKept).add(backend + ":" + tag);
    seed++;
    return digest;
  }

  private void pushAs(String tag, String existing, boolean deleted) throws Exception {
    admin.pushManifest(backend.withTag(tag), admin.pullManifest(backend.withTag(existing)));
    (deleted ? expectedDeleted : expectedKept).add(backend + ":" + tag);
  }

  private void stage(String signature, String parent, boolean deleted) throws Exception {
    Map<String, String> labels = new HashMap<>(Map.of(DappLabels.DIMG, "false", DappLabels.STAGE_SIGNATURE, signature));
    if (parent != null) {
      labels.put(DappLabels.PARENT_STAGE_SIGNATURE, parent);
    }
    LabelledTestImage.create(labels, Instant.now(), 2).push(admin, repo.withTag("dimgstage-" + signature));
    (deleted ? expectedDeleted : expectedKept).add(repo + ":dimgstage-" + signature);
  }

  /** 63 backend tags: what stays and what goes is written down as they are pushed. */
  private void pushImages() throws Exception {
    stage("s1", null, false);
    stage("s2", "s1", false);
    stage("s3", "s1", true);
    stage("s9", null, true);
    push("master", "git_branch", "s2", false);
    push(Slug.of("feature/Keep"), "git_branch", "s2", false);
    for (int i = 1; i <= 20; i++) {
      push("gone-" + i, "git_branch", "s3", true);
    }
    push("in-kube", "git_branch", "s2", false);           // Kubernetes runs it
    pushAs("gone-shared", "master", false);               // shares master's digest
    push("gone-pair-a", "git_branch", "s3", true);
    pushAs("gone-pair-b", "gone-pair-a", true);           // both go: one manifest delete
    for (String tag : List.of("v1.0", "v1.1", "v2.0")) {
      push(Slug.of(tag), "git_tag", "s2", false);
    }
    for (int i = 1; i <= 15; i++) {
      push("old-tag-" + i, "git_tag", "s3", true);
    }
    push(keptCommit, "git_commit", "s2", false);
    for (int i = 1; i <= 10; i++) {
      push(Integer.toHexString(i).repeat(40), "git_commit", "s3", true);
    }
    for (int i = 1; i <= 5; i++) {
      push("release-" + i, "custom", "s2", false);
    }
    for (int i = 1; i <= 3; i++) {
      push("ci-" + i, "ci", "s2", false);
    }
    assertThat(admin.listTags(backend)).hasSize(63);
  }

  private Set<String> tagsNow() throws Exception {
    Set<String> tags = new HashSet<>();
    admin.listTags(backend).forEach(tag -> tags.add(backend + ":" + tag));
    admin.listTags(repo).forEach(tag -> tags.add(repo + ":" + tag));
    return tags;
  }

  private InProcessDapp.Result cleanup(String... options) {
    List<String> args = new ArrayList<>(List.of("dimg", "cleanup", "repo", repo.toString(), "--dir", project.toString(),
        "--with-stages"));
    args.addAll(List.of(options));
    return dapp.run(args.toArray(String[]::new));
  }

  @Test
  void givenJobTokenOnly_cleanup_isDeniedWithTheHint_andNothingIsDeleted() throws Exception {
    Set<String> before = tagsNow();

    InProcessDapp.Result result = cleanup();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("dapp: warning: ").contains("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD")
        .contains("could not delete " + backend + ":gone-1: delete manifest " + backend + "@sha256:")
        .contains("user gitlab-ci-token (the CI job token)")
        .doesNotContain(TokenService.JOB_PASSWORD);
    assertThat(result.err().lines().filter(line -> line.contains("could not delete"))).hasSize(expectedDeleted.size());
    assertThat(tagsNow()).isEqualTo(before);
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void givenTheCleanupPassword_dryRun_printsThePlan_andChangesNothing() throws Exception {
    dapp.env("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", TokenService.CLEANUP_PASSWORD);
    Set<String> before = tagsNow();

    InProcessDapp.Result result = cleanup("--dry-run");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("IMAGE").contains(backend.path() + ":gone-1 ")
        .contains("shares its digest with kept tag 'master'").contains("in use in Kubernetes")
        .contains("dry run: " + expectedDeleted.size() + " of 67 tag(s) would be deleted");
    assertThat(tagsNow()).isEqualTo(before);
  }

  @Test
  void givenTheCleanupPassword_exactlyThePlannedTagsGo_sharedDigestsCustomAndCiStay() throws Exception {
    dapp.env("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", TokenService.CLEANUP_PASSWORD);

    InProcessDapp.Result result = cleanup("--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    Set<String> planned = new HashSet<>();
    report.get("tags").forEach(tag -> {
      if (tag.get("decision").asText().equals("delete")) {
        planned.add(tag.get("repository").asText() + ":" + tag.get("tag").asText());
        assertThat(tag.get("outcome").asText()).isEqualTo("deleted");
      }
    });
    assertThat(planned).isEqualTo(expectedDeleted);
    assertThat(tagsNow()).isEqualTo(expectedKept);
    assertThat(report.get("summary").get("failed").asInt()).isZero();
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void withoutKubectl_andWithoutWithoutKube_isBadInput_beforeAnythingIsDeleted() throws Exception {
    dapp.env("DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD", TokenService.CLEANUP_PASSWORD)
        .env("PATH", root.resolve("nowhere").toString());
    Set<String> before = tagsNow();

    InProcessDapp.Result result = cleanup();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("kubectl is not on PATH").contains("--without-kube");
    assertThat(tagsNow()).isEqualTo(before);
  }
}
