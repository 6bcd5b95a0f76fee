package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests reuse the connections they find open: a cleanup's thousands of small reads of one registry, on
 * a pool of threads, open only as many TCP connections as requests run at once. Counted by a plain TCP
 * relay in front of the real registry that counts the connections it accepts.
 */
class ConnectionReuseTest {

  private static final int THREADS = 8;
  private static final int READS_PER_THREAD = 25;

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  @Test
  void manyParallelReadsOfOneRegistry_openNoMoreConnectionsThanRunAtOnce() throws Exception {
    Repository pushed = REGISTRY.newRepository();
    TestImage image = TestImage.create(7);
    try (RegistryClient client = new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(),
        RegistryOptions.defaults())) {
      for (BlobSource blob : image.blobs()) {
        client.pushBlob(pushed, blob, Optional.empty());
      }
      client.pushManifest(pushed.withTag("latest"), image.manifest());
    }

    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try (CountingRelay relay = new CountingRelay(REGISTRY.host());
        RegistryClient client = new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(),
            RegistryOptions.defaults())) {
      Repository repository = new Repository(relay.host(), pushed.path());
      List<Callable<Void>> reads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        reads.add(() -> {
          // What cleanup reads of each tag: the manifest, then the config.
          for (int i = 0; i < READS_PER_THREAD; i++) {
            assertThat(client.pullManifest(repository.withTag("latest")).digest()).isEqualTo(image.manifest().digest());
            ByteArrayOutputStream config = new ByteArrayOutputStream();
            client.pullBlob(repository, image.config().digest(), config, bytes -> {});
            assertThat(config.size()).isEqualTo(image.config().size());
          }
          return null;
        });
      }
      for (Future<Void> read : threads.invokeAll(reads)) {
        read.get();
      }

      // 400 requests (and the ping): without reuse, as many connections.
      assertThat(relay.accepted()).isBetween(1, THREADS);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Relays bytes between each accepted connection and a new one to the registry; counts the accepted. */
  private static final class CountingRelay implements AutoCloseable {
    private final ServerSocket server = new ServerSocket();
    private final int upstreamPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "counting-relay");
      thread.setDaemon(true);
      return thread;
    });

    CountingRelay(RegistryHost upstream) throws IOException {
      String name = upstream.name();
      this.upstreamPort = Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      threads.execute(this::acceptLoop);
    }

    RegistryHost host() {
      return new RegistryHost("127.0.0.1:" + server.getLocalPort());
    }

    int accepted() {
      return accepted.get();
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          accepted.incrementAndGet();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          threads.execute(() -> pipe(client, upstream));
          threads.execute(() -> pipe(upstream, client));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side went away: the other is closed with it
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing only
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      threads.shutdownNow();
    }
  }
}
