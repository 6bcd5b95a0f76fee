package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.registry.TestImage;
import io.dapp.domain.registry.TransferJobs;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One client used by parallel transfers: enough connections for --jobs, one token per scope set. */
class ConcurrentClientTest {

  static final TokenService TOKENS = TokenService.create();

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS);

  /** Runs {@code calls} at once, each on its own thread, and returns their results. */
  private static <T> List<T> together(List<Callable<T>> calls) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(threads.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void eightJobs_getEightConnectionsToOneRegistry_atOnce() throws Exception {
    int jobs = 8; // more than the 5 per host of Jersey's own pool
    CountDownLatch allArrived = new CountDownLatch(jobs);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange) {
        if (exchange.getRequestURI().getPath().contains("/blobs/")) {
          mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          allArrived.countDown();
          boolean met;
          try {
            met = allArrived.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            met = false;
          }
          inFlight.decrementAndGet();
          exchange.sendResponseHeaders(met ? 200 : 503, -1);
        } else {
          exchange.sendResponseHeaders(200, -1);
        }
      }
    });
    server.start();
    RegistryOptions options = RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE)
        .withTransferJobs(new TransferJobs(jobs));
    try (RegistryClient client = new JerseyRegistryClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(60))
        .open(StaticDockerConfig.anonymous(), options)) {
      Repository repository = new Repository(new RegistryHost("127.0.0.1:" + server.getAddress().getPort()), "group/app");
      client.ping(repository.host());
      List<Callable<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        Digest digest = TestImage.create(100 + i).layer().digest();
        checks.add(() -> client.blobExists(repository, digest));
      }

      assertThat(together(checks)).as("every request met the others at the registry").containsOnly(true);
      assertThat(mostAtOnce).hasValue(jobs);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void transfersAskingForTheSameScopesAtOnce_shareOneToken() throws Exception {
    Repository repository = REGISTRY.newRepository();
    List<String> before = TOKENS.requestedScopes();
    try (RegistryClient client = new JerseyRegistryClientFactory().open(
        StaticDockerConfig.basic(REGISTRY.host(), TokenService.JOB_USER, TokenService.JOB_PASSWORD),
        RegistryOptions.defaults().withTransferJobs(new TransferJobs(6)))) {
      client.ping(REGISTRY.host());
      List<Callable<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Digest digest = TestImage.create(200 + i).layer().digest();
        checks.add(() -> client.blobExists(repository, digest));
      }

      assertThat(together(checks)).containsOnly(false);
    }
    List<String> asked = TOKENS.requestedScopes().subList(before.size(), TOKENS.requestedScopes().size());
    assertThat(asked).isNotEmpty()
        .allSatisfy(scope -> assertThat(Collections.frequency(asked, scope)).as(scope).isEqualTo(1));
  }
}
