package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.adapters.registry.TokenService;
import io.dapp.domain.model.Repository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's token service is down while the registry is up: a GitLab job's push stops with one line
 * naming the token service (exit 1) and sets no tag; once the service is back, the same push succeeds.
 */
class TokenServiceDownTest {

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS);

  @TempDir
  Path root;

  @Test
  void givenTheTokenServiceDown_pushFailsInOneLine_withoutATag_andSucceedsOnceItIsBack() throws Exception {
    TestProject project = TestProject.at(root.resolve("project"))
        .dappfile("from: scratch\ngit:\n- add: /src\n  to: /app\n").file("src/app.rb", "puts 1");
    TestDapp dapp = TestDapp.in(root).impatient().gitlabJob(REGISTRY.host(), TokenService.JOB_PASSWORD);
    Repository repository = REGISTRY.newRepository();
    String[] push = {"dimg", "bp", "--tag-plain", "1", "--dir", project.toString(), "--store",
        root.resolve("store").toString(), repository.toString()};
    StaticDockerConfig reader = StaticDockerConfig.basic(REGISTRY.host(), TokenService.JOB_USER,
        TokenService.JOB_PASSWORD);

    TOKENS.stop();
    InProcessDapp.Result down;
    try {
      down = dapp.run(push);
    } finally {
      TOKENS.start();
    }

    assertThat(down.exitCode()).as(down.all()).isEqualTo(1);
    assertThat(down.err().strip()).doesNotContain("\n").startsWith("dapp: error: ")
        .contains("token service 127.0.0.1:", "could not be reached", "connection refused");
    assertThat(Invariants.everyTagIsComplete(repository, reader)).isEmpty();

    InProcessDapp.Result back = dapp.run(push);

    assertThat(back.exitCode()).as(back.all()).isZero();
    assertThat(Invariants.everyTagIsComplete(repository, reader)).containsExactly("1");
  }
}
