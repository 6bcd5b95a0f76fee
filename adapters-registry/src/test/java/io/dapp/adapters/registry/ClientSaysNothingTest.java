package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The libraries under the registry client write nothing of their own to standard error: their
 * java.util.logging warnings (Jersey announces on every client that it runs without HK2) would end up in
 * every command's output, between dapp's own lines.
 */
class ClientSaysNothingTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  @Test
  void aClientBuiltAndUsed_logsNoWarning() throws Exception {
    List<LogRecord> said = new CopyOnWriteArrayList<>();
    Handler recorder = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          said.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    recorder.setLevel(Level.WARNING);
    Logger root = Logger.getLogger("");
    root.addHandler(recorder);
    try {
      Repository repository = REGISTRY.newRepository();
      try (RegistryClient client = new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(),
          RegistryOptions.defaults())) {
        assertThat(client.checkManifest(repository.withTag("latest"))).isEmpty();
      }
    } finally {
      root.removeHandler(recorder);
    }

    assertThat(said).extracting(record -> record.getLoggerName() + ": " + record.getMessage()).isEmpty();
  }
}
