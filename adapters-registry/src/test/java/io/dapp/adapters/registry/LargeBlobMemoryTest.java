package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Memory does not grow with a blob's size: a JVM with a 64 MiB heap pushes a 512 MiB blob (8 × its heap)
 * to the real registry and pulls it back. The blob is generated from a seed as it is read, so the test
 * itself holds nothing; if the adapter buffered it anywhere (request entity, response, digest), the child
 * JVM would run out of heap and exit with an error.
 */
class LargeBlobMemoryTest {

  static final String HEAP = "64m";
  static final long BLOB_SIZE = 512L * 1024 * 1024;

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  @TempDir
  Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"STREAMED", "CHUNKED"})
  void aBlobEightTimesTheHeap_isPushedAndPulled_inAJvmWithA64MiBHeap(String mode) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), LargeBlobRoundTrip.class.getName(),
        REGISTRY.host().toString(), REGISTRY.newRepository().path(), Long.toString(BLOB_SIZE), "42", mode,
        work.toString()))
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("child.log").toFile())
        .start();
    if (!child.waitFor(3, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("the child JVM did not finish in 3 minutes");
    }
    String log = Files.readString(work.resolve("child.log"));
    Path result = work.resolve("result");
    assertThat(child.exitValue()).as("exit status; child output: %s; result: %s", log,
        Files.exists(result) ? Files.readString(result) : "(none)").isZero();
    String[] ok = Files.readString(result).split(" ");
    assertThat(ok[0]).isEqualTo("ok");
    assertThat(Long.parseLong(ok[1])).as("peak heap").isLessThan(64L * 1024 * 1024);
  }
}
