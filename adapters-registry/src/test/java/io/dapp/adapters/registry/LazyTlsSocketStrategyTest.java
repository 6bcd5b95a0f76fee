package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.junit.jupiter.api.Test;

class LazyTlsSocketStrategyTest {

  private final AtomicInteger made = new AtomicInteger();
  private final AtomicInteger upgrades = new AtomicInteger();

  /** A strategy that counts: it stands for the JVM's TLS set-up, made once, used for every connection. */
  private TlsSocketStrategy counting() {
    made.incrementAndGet();
    return (socket, target, port, attachment, context) -> {
      upgrades.incrementAndGet();
      throw new IOException("no TLS here: " + target + ":" + port);
    };
  }

  @Test
  void buildingIt_setsUpNoTls() {
    new LazyTlsSocketStrategy(this::counting);

    assertThat(made).hasValue(0);
  }

  @Test
  void theFirstTlsConnection_setsItUp_andEveryLaterOneUsesTheSame() {
    LazyTlsSocketStrategy lazy = new LazyTlsSocketStrategy(this::counting);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> lazy.upgrade(new Socket(), "registry.example.com", 443, null, null))
          .hasMessage("no TLS here: registry.example.com:443");
    }

    assertThat(made).hasValue(1);
    assertThat(upgrades).hasValue(3);
  }

  @Test
  void connectionsOpenedAtOnce_setItUpOnce() throws Exception {
    LazyTlsSocketStrategy lazy = new LazyTlsSocketStrategy(this::counting);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(threads.submit(() -> {
          start.await();
          try {
            lazy.upgrade(new Socket(), "registry.example.com", 443, null, null);
          } catch (IOException expected) {
            // the counting strategy refuses every connection
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> each : all) {
        each.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(made).hasValue(1);
    assertThat(upgrades).hasValue(8);
  }
}
