package io.dapp.adapters.env.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.image.Descriptor;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.GarbageCollection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hasBlob} answers true only for a blob a collection will not remove: the JVM sets a file's time
 * through a descriptor it opens first, so a collection can move the blob aside and delete it between that
 * open and the new time (the time then lands on a file about to go). A race in a few instructions, so the
 * test runs it many times, a collection and a look for an old blob starting together each time.
 */
class BlobFoundWhileCollectedTest {

  private static final int ROUNDS = 1_000;

  @TempDir
  Path directory;

  @Test
  void aBlobHasBlobFound_isStillThereAfterACollectionRanMeanwhile() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(directory.resolve("store"));
    Path blobs = directory.resolve("store").resolve("blobs").resolve("sha256");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      int found = 0;
      for (int round = 0; round < ROUNDS; round++) {
        byte[] content = ("an old layer " + round).getBytes(StandardCharsets.UTF_8);
        Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(content));
        Path file = blobs.resolve(blob.digest().hex());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> look = threads.submit(() -> {
          start.await();
          return store.hasBlob(blob.digest());
        });
        Future<?> collect = threads.submit(() -> {
          start.await();
          return store.collectGarbage(GarbageCollection.removing(Instant.now().minus(Duration.ofHours(1))));
        });
        collect.get(30, TimeUnit.SECONDS);
        if (look.get(30, TimeUnit.SECONDS)) {
          found++;
          assertThat(file).as("round %d: hasBlob said present", round).isRegularFile();
        }
      }
      // Both outcomes happen: the look came first (kept) or the collection did (gone, and said so).
      assertThat(found).as("rounds where the blob was found").isPositive().isLessThan(ROUNDS);
    } finally {
      threads.shutdownNow();
    }
  }
}
