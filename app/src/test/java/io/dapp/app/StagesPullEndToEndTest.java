package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.LocalImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second runner's {@code dimg stages pull} of a chain whose git archive was patched since it was made: the
 * walk learns of the latest patch from the archive it pulls, then pulls the docker stage on that patch and
 * makes the patch from its history. The store then holds every stage, each as valid as the registry's (skopeo
 * copies them, the labels a build reads are there), so the build, the local cleanup and a rebuild need nothing
 * else.
 */
class StagesPullEndToEndTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  private static final String DAPPFILE = """
      dimg: backend
      from: scratch
      git:
      - add: /src
        to: /app
      - add: /config
        to: /etc/app
      docker:
        WORKDIR: /app
        CMD: [/app/run]
      """;

  @TempDir
  Path directory;

  @Test
  void aPulledChain_isBuiltWithNothingToBuild_cleanedWithNothingToRemove_andCopiedStageByStage() throws Exception {
    TestDapp dapp = TestDapp.in(directory);
    TestProject project = TestProject.at(directory.resolve("shop")).dappfile(DAPPFILE);
    project.file("config/app.yml", "port: 8080").file("src/run", "v1").commit("v1", "t");
    Path first = directory.resolve("first-runner");
    String[] build = {"dimg", "build", "--dir", project.toString(), "--store", first.toString()};
    assertThat(dapp.run(build).exitCode()).isZero();
    project.file("src/run", "v2").commit("v2", "t");
    assertThat(dapp.run(build).out()).contains("git latest patch: built stage", "(2 of 4 stages built)");
    Repository repository = REGISTRY.newRepository();
    InProcessDapp.Result push = dapp.run("dimg", "stages", "push", "--dir", project.toString(), "--store",
        first.toString(), repository.toString());
    assertThat(push.exitCode()).as(push.all()).isZero();
    Path second = directory.resolve("second-runner");

    InProcessDapp.Result pull = dapp.run("dimg", "stages", "pull", "--dir", project.toString(), "--store",
        second.toString(), repository.toString());

    assertThat(pull.exitCode()).as(pull.all()).isZero();
    assertThat(pull.out().lines().filter(line -> line.contains(": pulled stage")).toList())
        .as("the archive tells the walk there is a patch; the patch itself is made from the docker stage")
        .hasSize(2).anySatisfy(line -> assertThat(line).startsWith("backend: git archive"))
        .anySatisfy(line -> assertThat(line).startsWith("backend: docker: pulled stage")
            .endsWith(" (the 1 stage below it made from its history)"));
    InProcessDapp.Result rebuild = dapp.run("dimg", "build", "--dir", project.toString(), "--store", second.toString());
    assertThat(rebuild.exitCode()).as(rebuild.all()).isZero();
    assertThat(rebuild.out()).contains("(0 of 4 stages built)").doesNotContain("built stage");
    LocalImageStore store = OciLayoutStore.open(second);
    List<String> stages = new ArrayList<>();
    Skopeo.json("list-tags", "--tls-verify=false", "docker://" + repository).path("Tags")
        .forEach(tag -> stages.add(tag.asText()));
    assertThat(stages).hasSize(4);
    Path copies = Files.createDirectories(directory.resolve("copies"));
    for (String stage : stages) {
      assertThat(store.resolve(stage)).as(stage).isPresent();
      JsonNode registry = Skopeo.json("inspect", "--tls-verify=false", "docker://" + repository + ":" + stage);
      JsonNode made = Skopeo.json("inspect", "oci:" + second + ":" + stage);
      assertThat(made.path("Layers")).as(stage).isEqualTo(registry.path("Layers"));
      // Which commit a git stage's files came from is the one thing a stage made from the history lacks.
      ((ObjectNode) registry.path("Labels")).remove("dapp-git-commit");
      ((ObjectNode) made.path("Labels")).remove("dapp-git-commit");
      assertThat(made.path("Labels")).as(stage).isEqualTo(registry.path("Labels"));
      Skopeo.run("copy", "oci:" + second + ":" + stage, "dir:" + copies.resolve(stage));
    }

    InProcessDapp.Result cleanup = dapp.run("dimg", "stages", "cleanup", "local", "--dir", project.toString(),
        "--store", second.toString());

    assertThat(cleanup.exitCode()).as(cleanup.all()).isZero();
    for (String stage : stages) {
      assertThat(store.resolve(stage)).as(stage).isPresent();
    }
    assertThat(dapp.run(build[0], build[1], build[2], build[3], "--store", second.toString()).out())
        .contains("(0 of 4 stages built)");
  }
}
