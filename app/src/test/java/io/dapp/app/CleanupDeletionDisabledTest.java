package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.LabelledTestImage;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry whose storage.delete is off answers 405: dapp reports it for every tag and fails. */
class CleanupDeletionDisabledTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymousWithoutDeletes();

  @TempDir
  Path root;

  @Test
  void flush_onARegistryWithoutDeletes_reportsDeletionDisabledPerTag_andExitsNonZero() throws Exception {
    Repository repo = REGISTRY.newRepository();
    Repository backend = new Repository(repo.host(), repo.path() + "/backend");
    try (RegistryClient client = new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(),
        RegistryOptions.defaults())) {
      for (String tag : new String[] {"v1", "v2", "v3"}) {
        LabelledTestImage.create(Map.of(DappLabels.DIMG, "true", DappLabels.TAG_SCHEME, "custom",
            DappLabels.DIMG_NAME, "backend", DappLabels.STAGE_SIGNATURE, tag), Instant.now(), tag.hashCode())
            .push(client, backend.withTag(tag));
      }
    }
    Path project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), "dimg: backend\nfrom: alpine\n");

    InProcessDapp.Result result = WholeDappComponent.run(Map.of("HOME", root.toString(), "TMPDIR", root.toString()),
        "dimg", "flush", "repo", repo.toString(), "--dir", project.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines().filter(line -> line.startsWith("dapp: warning: could not delete ")
        && line.endsWith(": deletion is disabled on this registry"))).hasSize(3);
    assertThat(result.err()).contains("dapp: error: 3 of 3 planned tag deletions failed");
    assertThat(result.out()).contains("0 of 3 tag(s) deleted, 3 failed");
  }
}
