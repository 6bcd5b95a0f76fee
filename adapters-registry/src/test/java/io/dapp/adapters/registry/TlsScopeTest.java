package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.NetworkSettings;
import io.dapp.domain.network.TlsFiles;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TestImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose files a TLS connection gets, and when they are read: a registry's certs.d directory serves its own
 * host (its token service on another port too), never another host; and nothing is read before a connection
 * needs TLS, so a plain-HTTP registry on loopback works even with broken files in place.
 */
class TlsScopeTest {

  @RegisterExtension
  static final DistributionRegistry PLAIN = DistributionRegistry.anonymous();

  @TempDir
  Path temp;

  private TlsSettings settings() {
    return TlsSettings.DEFAULT.withCertDirectory(Optional.of(new CertDirectory(temp, "--cert-dir")));
  }

  @Test
  void aRegistrysDirectory_servesItsHostOnEveryPort_andNoOtherHost() {
    HostTlsStrategy tls = new HostTlsStrategy(settings(), new TlsContexts(Clock.systemUTC()));
    tls.serve(new RegistryHost("registry.corp:5000"));
    tls.serve(new RegistryHost("mirror.corp"));

    assertThat(tls.directories("registry.corp", 5000)).containsExactly(temp.resolve("registry.corp:5000"));
    assertThat(tls.directories("registry.corp", 5001))
        .containsExactly(temp.resolve("registry.corp:5001"), temp.resolve("registry.corp:5000"));
    assertThat(tls.directories("REGISTRY.corp", 443)).containsExactly(temp.resolve("registry.corp"),
        temp.resolve("registry.corp:443"), temp.resolve("registry.corp:5000"));
    assertThat(tls.directories("storage.corp", 443))
        .containsExactly(temp.resolve("storage.corp"), temp.resolve("storage.corp:443"));
    assertThat(tls.directories("mirror.corp", 8443))
        .containsExactly(temp.resolve("mirror.corp:8443"), temp.resolve("mirror.corp"), temp.resolve("mirror.corp:443"));
  }

  @Test
  void aPlainHttpRegistryOnLoopback_readsNoTlsFile_evenBrokenOnes() throws Exception {
    // Every file dapp could be pointed at is garbage: were one read, the push would fail.
    TestPki.write(temp.resolve(PLAIN.host().name()).resolve("ca.crt"), "not a certificate");
    TestPki.write(temp.resolve(PLAIN.host().name()).resolve("client.cert"), "not a certificate");
    TestPki.write(temp.resolve(PLAIN.host().name()).resolve("client.key"), "not a key");
    Path sslCertFile = temp.resolve("bundle.pem");
    TestPki.write(sslCertFile, "not a bundle");
    RegistryOptions options = RegistryOptions.defaults().withNetwork(NetworkSettings.DEFAULT.withTls(
        settings().withExtraRoots(Optional.of(sslCertFile), List.of())));
    Repository repository = PLAIN.newRepository();
    TestImage image = TestImage.create(31);

    try (RegistryClient client = new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(), options)) {
      for (BlobSource blob : image.blobs()) {
        client.pushBlob(repository, blob, Optional.empty());
      }
      client.pushManifest(repository.withTag("1"), image.manifest());
      assertThat(client.pullManifest(repository.withTag("1")).digest()).isEqualTo(image.digest());
    }
  }

  @Test
  void theDebugListing_namesTheFiles_withoutReadingThem() {
    TestPki.write(temp.resolve("registry.corp/ca.crt"), "not read");
    TestPki.write(temp.resolve("registry.corp/client.cert"), "not read");
    TestPki.write(temp.resolve("registry.corp/client.key"), "not read");
    RegistryOptions options = RegistryOptions.defaults().withNetwork(NetworkSettings.DEFAULT.withTls(settings()));

    TlsFiles files = new JerseyRegistryClientFactory().tlsFiles(new RegistryHost("registry.corp"), options);

    assertThat(files.authorities()).containsExactly(temp.resolve("registry.corp/ca.crt"));
    assertThat(files.clientCertificates()).containsExactly(temp.resolve("registry.corp/client.cert"));
    assertThat(files.describe()).isEqualTo("the JVM's roots + " + temp.resolve("registry.corp/ca.crt")
        + "; client certificate " + temp.resolve("registry.corp/client.cert"));
  }
}
