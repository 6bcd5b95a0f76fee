package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every upload mode against the real Distribution registry, with a blob of a few MiB read from a file.
 * The registry's access log shows how the bytes travelled: one PATCH, six PATCHes of 1 MiB, or none.
 */
class BlobUploadRegistryTest {

  private static final int MIB = 1024 * 1024;

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous().withAccessLog();

  @TempDir
  Path temp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"STREAMED, 1", "CHUNKED, 6", "MONOLITHIC, 0"})
  void eachUploadMode_storesTheBlobExactly_sendingItAsTheModeSays(BlobUploads.Mode mode, int patches)
      throws Exception {
    Path file = temp.resolve("layer");
    Digest digest = writeRandom(file, 5 * MIB + 12_345, mode.ordinal());
    Repository repository = REGISTRY.newRepository();
    JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory(Duration.ofSeconds(5),
        Duration.ofSeconds(30), new RetryTools(Clock.systemUTC(), Sleeper.REAL, RandomGenerator.getDefault()),
        new BlobUploads(mode, MIB));

    try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), RegistryOptions.defaults())) {
      assertThat(client.pushBlob(repository, BlobSource.ofFile(file, digest), Optional.empty()))
          .isEqualTo(BlobPush.UPLOADED);
      Path pulled = temp.resolve("pulled");
      assertThat(client.pullBlob(repository, digest, pulled)).isEqualTo(Files.size(file));
      assertThat(Files.mismatch(file, pulled)).isEqualTo(-1L);
    }

    String uploads = "/v2/" + repository.path() + "/blobs/uploads/";
    assertThat(count(REGISTRY.log(), "\"PATCH " + uploads)).isEqualTo(patches);
    assertThat(count(REGISTRY.log(), "\"PUT " + uploads)).isEqualTo(1);
    assertThat(count(REGISTRY.log(), "\"POST " + uploads)).isEqualTo(1);
  }

  private static Digest writeRandom(Path file, int size, long seed) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Random random = new Random(seed);
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int left = size; left > 0; left -= buffer.length) {
        random.nextBytes(buffer);
        int n = Math.min(left, buffer.length);
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return Digests.of(sha256);
  }

  private static long count(String log, String needle) {
    return Pattern.compile(Pattern.quote(needle)).matcher(log).results().count();
  }
}
