package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.model.Repository;
import io.dapp.domain.testing.EmptyDockerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several dapp runs at once, each an assembled application of its own (as separate processes would be),
 * against the real registry and one local store: pushes and cleanups of the same repository lose no tag the
 * cleanup did not plan to delete and leave no half image; builds sharing a store leave it consistent.
 */
class ConcurrentWorkTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  private static final List<String> KEPT = List.of("keep-1", "keep-2", "keep-3", "keep-4");
  private static final List<String> GONE = List.of("gone-1", "gone-2", "gone-3");

  @TempDir
  Path root;

  /** A git project whose only dimg copies {@code content}; branches for each of {@code branches}. */
  private Path project(String name, String dappfile, String content, List<String> branches) throws Exception {
    TestProject project = TestProject.at(root.resolve(name)).dappfile(dappfile).file("src/app.rb", content);
    project.commit(name, "ci");
    return project.branchHere(branches.toArray(String[]::new)).directory();
  }

  /** A job of a pipeline on {@code branch}. */
  private InProcessDapp.Result dapp(String branch, String... args) throws Exception {
    return TestDapp.in(root).env("CI_COMMIT_REF_NAME", branch).run(args);
  }

  private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      tasks.forEach(task -> futures.add(pool.submit(task)));
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pushesAndCleanupsOfOneRepositoryAtOnce_loseNoTagTheCleanupDidNotPlan_andLeaveOnlyWholeImages()
      throws Exception {
    String dappfile = "from: scratch\ngit:\n- add: /src\n  to: /app\n";
    Path project = project("shop", dappfile, "puts 1", KEPT);
    Path gone = project("gone", dappfile, "puts 'gone'", List.of());
    Path store = root.resolve("store");
    Repository repository = REGISTRY.newRepository();
    for (Path built : List.of(project, gone)) {
      InProcessDapp.Result build = dapp("main", "dimg", "build", "--dir", built.toString(), "--store", store.toString());
      assertThat(build.exitCode()).as(build.all()).isZero();
    }
    // Images of branches that no longer exist (another image: a cleanup deletes its manifest).
    for (String branch : GONE) {
      InProcessDapp.Result push = dapp(branch, "dimg", "push", "--tag-branch", "--dir", gone.toString(), "--store",
          store.toString(), repository.toString());
      assertThat(push.exitCode()).as(push.all()).isZero();
    }

    List<Callable<InProcessDapp.Result>> runs = new ArrayList<>();
    for (String branch : KEPT) {
      runs.add(() -> dapp(branch, "dimg", "push", "--tag-branch", "--dir", project.toString(), "--store",
          store.toString(), repository.toString()));
    }
    for (int i = 0; i < 2; i++) {
      runs.add(() -> dapp("main", "dimg", "cleanup", "repo", repository.toString(), "--dir", project.toString(),
          "--without-kube"));
    }
    List<InProcessDapp.Result> results = all(runs);

    assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.all()).isZero());
    List<String> tags = Invariants.everyTagIsComplete(repository, EmptyDockerConfig.at("/none"));
    assertThat(tags).containsAll(KEPT).doesNotContainAnyElementsOf(GONE);
    for (String tag : KEPT) {
      assertThat(Skopeo.run("inspect", "--tls-verify=false", "docker://" + repository + ":" + tag))
          .contains("\"dapp-tag-scheme\": \"git_branch\"");
    }
    Invariants.storeIsConsistent(store);
  }

  @Test
  void twoBuildsSharingOneStore_atOnce_leaveItConsistent_withBothImagesReadable() throws Exception {
    Path alpha = project("alpha", "dimg: alpha\nfrom: scratch\ngit:\n- add: /src\n  to: /app\n", "alpha", List.of());
    Path beta = project("beta", "dimg: beta\nfrom: scratch\ngit:\n- add: /src\n  to: /srv\n", "beta", List.of());
    Path store = root.resolve("shared-store");
    List<Callable<InProcessDapp.Result>> builds = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (Path project : List.of(alpha, beta)) {
        builds.add(() -> dapp("main", "dimg", "build", "--dir", project.toString(), "--store", store.toString()));
      }
    }

    List<InProcessDapp.Result> results = all(builds);

    assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.all()).isZero());
    Invariants.storeIsConsistent(store);
    assertThat(Skopeo.run("inspect", "oci:" + store + ":alpha")).contains("\"dapp-dimg-name\": \"alpha\"");
    assertThat(Skopeo.run("inspect", "oci:" + store + ":beta")).contains("\"dapp-dimg-name\": \"beta\"");
  }
}
