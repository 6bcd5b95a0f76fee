package io.dapp.adapters.registry;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Run in a JVM of its own with a small heap by {@link LargeBlobMemoryTest}: pushes a generated blob to a
 * registry and pulls it back, through the adapter's public entry point. Anything that held the blob in
 * memory would run out of heap (the JVM is started with {@code -XX:+ExitOnOutOfMemoryError}).
 *
 * <p>Arguments: registry host, repository path, blob size, seed, upload mode, work directory. Writes
 * {@code result} into the work directory: {@code ok <peak heap bytes>}, or {@code failed <message>}.
 */
final class LargeBlobRoundTrip {

  private LargeBlobRoundTrip() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[5]);
    try {
      Repository repository = new Repository(new RegistryHost(args[0]), args[1]);
      long size = Long.parseLong(args[2]);
      long seed = Long.parseLong(args[3]);
      BlobUploads uploads = new BlobUploads(BlobUploads.Mode.valueOf(args[4]), BlobUploads.DEFAULT_CHUNK_SIZE);
      // The digest must be known before the push (HEAD, PUT ?digest=): hash the stream once as it is generated.
      Digest digest = digestOf(seed, size);
      BlobSource blob = new BlobSource(digest, size, () -> new SeededBlobStream(seed, size));
      JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory(Duration.ofSeconds(10),
          Duration.ofMinutes(2), new RetryTools(Clock.systemUTC(), Sleeper.REAL, RandomGenerator.getDefault()), uploads);
      try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), RegistryOptions.defaults())) {
        BlobPush push = client.pushBlob(repository, blob, Optional.empty());
        if (push != BlobPush.UPLOADED) {
          throw new IllegalStateException("expected an upload, got " + push);
        }
        Path pulled = work.resolve("pulled");
        long received = client.pullBlob(repository, digest, pulled);
        if (received != size || Files.size(pulled) != size) {
          throw new IllegalStateException("pulled " + received + " bytes, expected " + size);
        }
        Files.delete(pulled);
      }
      Files.writeString(work.resolve("result"), "ok " + peakHeap());
      System.exit(0);
    } catch (Exception | Error e) {
      Files.writeString(work.resolve("result"), "failed " + e);
      System.exit(1);
    }
  }

  private static Digest digestOf(long seed, long size) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1024 * 1024];
    try (InputStream in = new SeededBlobStream(seed, size)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        sha256.update(buffer, 0, n);
      }
    }
    return Digests.of(sha256);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }
}
