package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.model.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts, imports, git patches and mounts end to end, as a GitLab job runs them: a busybox base in the
 * registry, an artifact that builds the front end and a dimg that imports what it built (owned by the
 * image's user, filtered by globs), then a sequence of commits: a change outside the stage dependencies is
 * one small patch, a dependency change rebuilds install, a deleted file is gone, and a second runner (a
 * shallow clone) that pulled the stages continues with a patch. buildah runs the result; the store's layers
 * are read as a tar.
 */
class ArtifactsAndPatchesEndToEndTest {

  private static final String JOB_TOKEN = "artifacts-job-token";

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of("gitlab-ci-token", JOB_TOKEN));

  private static Repository base;

  @TempDir
  Path root;

  private TestDapp dapp;
  private TestProject project;

  @BeforeAll
  static void baseImage() throws Exception {
    base = REGISTRY.newRepository();
    BusyboxImage.pushAsGitlabJob(REGISTRY.host(), JOB_TOKEN, base.withTag("1"));
  }

  @BeforeEach
  void gitlabJob() throws Exception {
    dapp = TestDapp.in(root).gitlabJob(REGISTRY.host(), JOB_TOKEN).env("CI_COMMIT_REF_NAME", "main").withSbinOnPath();
    project = TestProject.at(root.resolve("shop")).dappfile("""
        artifact: assets
        from: %1$s
        git:
        - add: /frontend
          to: /src
          stageDependencies:
            buildArtifact: '**/*'
        shell:
          buildArtifact:
          - cd /src && mkdir -p dist/js && cp app.js dist/js/app.js && cp app.js dist/js/app.js.map
          - cp /src/index.html /src/dist/index.html && echo notes > /src/dist/README
        ---
        dimg: web
        from: %1$s
        git:
        - add: /
          to: /app
          excludePaths: [frontend, dappfile.yaml]
          stageDependencies:
            install: [package.json]
        shell:
          beforeInstall:
          - echo 'www:x:101:101::/srv:/bin/sh' >> /etc/passwd && echo 'www:x:101:' >> /etc/group
          install:
          - echo "installed $(cat /app/package.json)" > /installed && echo run >> /var/cache/pkgs/runs
          setup:
          - wc -l /var/cache/pkgs/runs > /setup-saw-cache
        import:
        - artifact: assets
          add: /src/dist
          to: /srv/www
          includePaths: ["**/*.js", index.html]
          excludePaths: ["**/*.map"]
          after: setup
          owner: www
          group: www
        mount:
        - {from: build_dir, to: /var/cache/pkgs}
        """.formatted(base.withTag("1")))
        .file("frontend/app.js", "console.log('app')\n")
        .file("frontend/index.html", "<html/>\n")
        .file("package.json", "{\"v\": 1}\n")
        .file("server.js", "listen(8080)\n")
        .file("lib/util.js", "util()\n");
    project.commit("first", "ci");
  }

  private InProcessDapp.Result bp(Repository repository, Path store) {
    return dapp.run("dimg", "bp", "--dir", project.toString(), "--store", store.toString(), "--tag-plain", "1",
        repository.toString());
  }

  private String buildahRun(Repository repository, String script) throws Exception {
    Buildah buildah = new Buildah(root.resolve("buildah-" + System.nanoTime()));
    String container = buildah.from(repository + "/web:1", "gitlab-ci-token", JOB_TOKEN);
    return buildah.runIn(container, "sh", "-c", script);
  }

  @Test
  void theDimgImportsWhatTheArtifactBuilt_ownedAsTheImportSays_andNothingTheGlobsLeaveOut() throws Exception {
    Repository repository = REGISTRY.newRepository();

    InProcessDapp.Result bp = bp(repository, root.resolve("store"));

    assertThat(bp.exitCode()).as(bp.err()).isZero();
    assertThat(bp.out()).contains("artifact assets: 4 of 4 stages built",
        "web: after_setup_artifact (assets /src/dist -> /srv/www, 2 files): built stage");
    assertThat(buildahRun(repository, "cd /srv/www && find . | sort; stat -c '%U:%G %n' js/app.js index.html;"
        + " cat /installed /setup-saw-cache")).isEqualTo("""
        .
        ./index.html
        ./js
        ./js/app.js
        www:www js/app.js
        www:www index.html
        installed {"v": 1}
        1 /var/cache/pkgs/runs
        """);
    // The build_dir is the stage's and never the image's: not even its mount point.
    assertThat(buildahRun(repository, "test -e /var/cache/pkgs && echo there || echo absent")).isEqualTo("absent\n");
    JsonNode image = Skopeo.json("inspect", "--tls-verify=false", "--creds", "gitlab-ci-token:" + JOB_TOKEN,
        "docker://" + repository + "/web:1");
    assertThat(image.path("Labels").path("dapp-dimg").asText()).isEqualTo("true");
  }

  @Test
  void commitsAfterTheFirst_arePatches_onlyADependencyRebuildsInstall_andASecondRunnerPatchesToo() throws Exception {
    Repository repository = REGISTRY.newRepository();
    Path store = root.resolve("store");
    assertThat(bp(repository, store).exitCode()).isZero();

    project.file("server.js", "listen(9090)\n").commit("port", "ci");
    InProcessDapp.Result outside = bp(repository, store);
    assertThat(outside.exitCode()).as(outside.err()).isZero();
    assertThat(outside.out()).contains("web: git archive / -> /app: using cached stage",
        "web: install (1 command): using cached stage", "web: setup (1 command): using cached stage",
        "web: git latest patch: built stage", "artifact assets: 0 of 4 stages built")
        .doesNotContain("install (1 command): built");
    JsonNode image = Skopeo.json("inspect", "oci:" + store + ":web");
    String patch = image.path("Layers").get(image.path("Layers").size() - 1).asText();
    assertThat(StoreLayers.entries(store, patch)).as("the latest patch: one file").containsExactly("app/",
        "app/server.js");

    project.file("package.json", "{\"v\": 2}\n").commit("dependency", "ci");
    InProcessDapp.Result dependency = bp(repository, store);
    assertThat(dependency.out()).contains("web: git patch before install: built stage",
        "web: install (1 command): built stage");
    assertThat(buildahRun(repository, "cat /installed /app/server.js /setup-saw-cache"))
        .isEqualTo("installed {\"v\": 2}\nlisten(9090)\n2 /var/cache/pkgs/runs\n");

    Files.delete(project.resolve("lib/util.js"));
    project.commit("no util", "ci");
    assertThat(bp(repository, store).exitCode()).isZero();
    assertThat(buildahRun(repository, "test -e /app/lib/util.js && echo there || echo gone")).isEqualTo("gone\n");
    assertThat(dapp.run("dimg", "stages", "push", "--dir", project.toString(), "--store", store.toString(),
        repository.toString()).exitCode()).isZero();

    project.file("server.js", "listen(7070)\n").commit("another port", "ci");
    // The second runner has a shallow clone, as GitLab's default fetch depth gives: no earlier commit.
    Path second = root.resolve("second-runner");
    Path clone = root.resolve("shallow-clone");
    Process git = new ProcessBuilder("git", "clone", "-q", "--depth", "1", "file://" + project, clone.toString())
        .redirectErrorStream(true).start();
    assertThat(git.waitFor()).as(new String(git.getInputStream().readAllBytes())).isZero();
    InProcessDapp.Result pull = dapp.run("dimg", "stages", "pull", "--dir", clone.toString(), "--store",
        second.toString(), repository.toString());
    assertThat(pull.exitCode()).as(pull.err()).isZero();
    InProcessDapp.Result build = dapp.run("dimg", "build", "--dir", clone.toString(), "--store", second.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(build.out()).contains("web: git archive / -> /app: using cached stage",
        "web: install (1 command): using cached stage", "web: git latest patch: built stage")
        .doesNotContain("web: git archive / -> /app: built stage", "install (1 command): built stage");
    List<String> built = build.out().lines().filter(line -> line.contains(": built stage")).toList();
    assertThat(built).extracting(line -> line.substring(0, line.indexOf(": built stage")))
        .containsExactly("web: git latest patch");
  }
}
