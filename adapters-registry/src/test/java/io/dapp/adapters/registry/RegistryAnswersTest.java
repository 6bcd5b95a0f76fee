package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestBlobUnknownException;
import io.dapp.domain.registry.PlatformNotFoundException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.registry.TestImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the real Distribution registry answers, as a user reads it: its {@code errors[].code/message} in one
 * line of the exception's message, and an index resolved to the platform {@code --platform} names (which
 * reaches the adapter as the options' default platform).
 */
class RegistryAnswersTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  private static final Platform ARM64 = new Platform("linux", "arm64", Optional.of("v8"));

  private final JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();

  private RegistryClient open(RegistryOptions options) {
    return factory.open(StaticDockerConfig.anonymous(), options);
  }

  @Test
  void aManifestNamingAMissingBlob_failsWithTheRegistrysCodeAndMessage_inOneLine() throws Exception {
    Repository repository = REGISTRY.newRepository();
    TestImage image = TestImage.create(101);
    try (RegistryClient client = open(RegistryOptions.defaults())) {
      client.pushBlob(repository, image.config(), Optional.empty());

      assertThatThrownBy(() -> client.pushManifest(repository.withTag("broken"), image.manifest()))
          .isInstanceOf(ManifestBlobUnknownException.class)
          .hasMessage("push manifest " + repository + ":broken: MANIFEST_BLOB_UNKNOWN: blob unknown to registry")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
    }
  }

  @Test
  void aBlobWhoseBytesAreNotItsDigest_failsWithDigestInvalid_inOneLine() throws Exception {
    Repository repository = REGISTRY.newRepository();
    byte[] content = "these bytes".getBytes(StandardCharsets.UTF_8);
    Digest claimed = Digests.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
    BlobSource lying = new BlobSource(claimed, content.length, () -> new ByteArrayInputStream(content));
    try (RegistryClient client = open(RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE))) {

      assertThatThrownBy(() -> client.pushBlob(repository, lying, Optional.empty()))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessage("push blob " + repository + "@" + claimed + ": the registry answered 400: "
              + "DIGEST_INVALID: provided digest did not match uploaded content");
    }
  }

  @Test
  void givenThePlatformOption_anIndexResolvesToItsImage_andAnAbsentPlatformNamesThoseAvailable() throws Exception {
    Repository repository = REGISTRY.newRepository();
    TestImage amd64 = TestImage.create(201, Platform.LINUX_AMD64);
    TestImage arm64 = TestImage.create(202, ARM64);
    Manifest index = TestImage.index(List.of(amd64, arm64), List.of(Platform.LINUX_AMD64, ARM64));
    try (RegistryClient client = open(RegistryOptions.defaults())) {
      for (TestImage image : List.of(amd64, arm64)) {
        for (BlobSource blob : image.blobs()) {
          client.pushBlob(repository, blob, Optional.empty());
        }
        client.pushManifest(new io.dapp.domain.model.ImageReference(repository, Optional.empty(),
            Optional.of(image.digest())), image.manifest());
      }
      client.pushManifest(repository.withTag("multi"), index);
    }

    RegistryOptions platformArm64 = new RegistryOptions(Set.of(), Platform.parse("linux/arm64"), RetryPolicy.DEFAULT);
    try (RegistryClient arm = open(platformArm64); RegistryClient byDefault = open(RegistryOptions.defaults())) {
      assertThat(arm.pullImageManifest(repository.withTag("multi"), Optional.empty())).isEqualTo(arm64.manifest());
      assertThat(byDefault.pullImageManifest(repository.withTag("multi"), Optional.empty()))
          .isEqualTo(amd64.manifest());
      assertThat(byDefault.pullImageManifest(repository.withTag("multi"), Optional.of(Platform.parse("linux/arm64"))))
          .isEqualTo(arm64.manifest());
      assertThatThrownBy(() -> byDefault.pullImageManifest(repository.withTag("multi"),
          Optional.of(Platform.parse("linux/s390x"))))
          .isInstanceOf(PlatformNotFoundException.class)
          .hasMessage("pull manifest " + repository + ":multi: no image for platform linux/s390x "
              + "(the index has linux/amd64, linux/arm64/v8)");
    }
  }

  @Test
  void severalErrors_withNewlinesInTheirMessages_readAsOneLine() throws Exception {
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/") ? CannedServer.Reply.of(200)
        : CannedServer.Reply.of(400, Map.of("Content-Type", "application/json"), "{\"errors\":["
            + "{\"code\":\"NAME_INVALID\",\"message\":\"invalid repository name\\nsee the docs\"},"
            + "{\"code\":\"TAG_INVALID\",\"message\":\"manifest tag did not match URI\"}]}"));
        RegistryClient client = open(RegistryOptions.defaults())) {
      Repository repository = new Repository(new io.dapp.domain.model.RegistryHost("127.0.0.1:" + server.port()),
          "group/app");

      assertThatThrownBy(() -> client.listTags(repository))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessage("list tags of " + repository + ": the registry answered 400: NAME_INVALID: invalid repository "
              + "name see the docs; TAG_INVALID: manifest tag did not match URI");
    }
  }
}
