package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.NetworkSettings;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryTlsException;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.registry.TestImage;
import io.dapp.domain.testing.HostileInput;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real Distribution registries behind TLS from a CA the test makes, as a company's are: trusted through a
 * certs.d directory given as {@code --cert-dir} (the files docker and skopeo read), for the registry's host and
 * its token service on the same host, for no other host; one of them requiring client certificates
 * ({@code http.tls.clientcas}). skopeo, given the same files, does the same.
 */
class PrivateCaRegistryTest {

  static final TestPki PKI = TestPki.create("dapp test CA");
  static final TokenService TOKENS = TokenService.create().withTls(PKI.server("127.0.0.1"), "127.0.0.1");

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.token(TOKENS).withTls(PKI.server("127.0.0.1"));

  @RegisterExtension
  static final DistributionRegistry MUTUAL = DistributionRegistry.anonymous().withTls(PKI.server("127.0.0.1"))
      .requiringClientCertificates(PKI);

  @TempDir
  Path temp;

  private final JerseyRegistryClientFactory factory = new JerseyRegistryClientFactory();

  /** A certs.d directory holding the CA for these registries, as {@code --cert-dir} names one. */
  private Path certDir(DistributionRegistry... registries) {
    Path root = temp.resolve("certs.d");
    for (DistributionRegistry registry : registries) {
      TestPki.write(root.resolve(registry.host().name()).resolve("ca.crt"), PKI.ca().certificatePem());
    }
    return root;
  }

  private static RegistryOptions options(Optional<Path> certDir) {
    return RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE).withNetwork(NetworkSettings.DEFAULT.withTls(
        TlsSettings.DEFAULT.withCertDirectory(certDir.map(path -> new CertDirectory(path, "--cert-dir")))));
  }

  @Test
  void aCertificateFromAnUnknownCa_failsInOneLine_namingTheHostAndWhereItsCaWouldGo() {
    String host = REGISTRY.host().name();
    try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), options(Optional.empty()))) {
      assertThatThrownBy(() -> client.ping(REGISTRY.host()))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageStartingWith("reach registry " + host + ": TLS failed: the certificate of " + host
              + " is not trusted (PKIX path building failed: unable to find valid certification path to requested "
              + "target)")
          .hasMessageEndingWith("; if a private CA signed it, put the CA's certificate in /etc/docker/certs.d/" + host
              + "/ca.crt (or in DIR/" + host + "/ca.crt with --cert-dir DIR)")
          .satisfies(e -> HostileInput.assertOneLine(e.getMessage()));
    }
  }

  @Test
  void aCaInTheCertDirectory_isTrustedForItsRegistry_andForTheTokenServiceOnTheSameHost() throws Exception {
    Repository repository = REGISTRY.newRepository();
    TestImage image = TestImage.create(11);
    StaticDockerConfig job = StaticDockerConfig.basic(REGISTRY.host(), TokenService.JOB_USER, TokenService.JOB_PASSWORD);
    int tokensBefore = TOKENS.issued().size();

    try (RegistryClient client = factory.open(job, options(Optional.of(certDir(REGISTRY))))) {
      for (BlobSource blob : image.blobs()) {
        client.pushBlob(repository, blob, Optional.empty());
      }
      client.pushManifest(repository.withTag("1"), image.manifest());

      assertThat(client.pullManifest(repository.withTag("1")).digest()).isEqualTo(image.digest());
      assertThat(client.pullBlob(repository, image.layer().digest(), temp.resolve("layer")))
          .isEqualTo(image.layer().size());
    }
    assertThat(TOKENS.issued().size()).as("tokens from the TLS token service").isGreaterThan(tokensBefore);
  }

  @Test
  void theCa_isNotTrustedForAnotherHost_evenOneItSigned() throws Exception {
    HttpsServer other = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.setHttpsConfigurator(new HttpsConfigurator(PKI.server("localhost").serverContext()));
    other.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    other.start();
    RegistryHost localhost = new RegistryHost("localhost:" + other.getAddress().getPort());
    try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), options(Optional.of(certDir(REGISTRY))))) {
      client.ping(REGISTRY.host());

      assertThatThrownBy(() -> client.ping(localhost))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageContaining("the certificate of " + localhost + " is not trusted");
    } finally {
      other.stop(0);
    }
  }

  @Test
  void withoutAClientCertificate_aRegistryThatWantsOne_saysSoInOneLine() {
    Path certDir = certDir(MUTUAL);
    String host = MUTUAL.host().name();
    try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), options(Optional.of(certDir)))) {
      assertThatThrownBy(() -> client.ping(MUTUAL.host()))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageStartingWith("reach registry " + host + ": TLS failed: " + host + " asks for a client certificate")
          .hasMessageEndingWith("; put one as NAME.cert with its key NAME.key in " + certDir.resolve(host) + "/")
          .satisfies(e -> HostileInput.assertOneLine(e.getMessage()));
    }
  }

  enum ClientKey { EC_SEC1_WITH_PARAMETERS_BLOCK, EC_PKCS8, RSA_PKCS1 }

  @ParameterizedTest
  @EnumSource(ClientKey.class)
  void withAClientCertificate_pushAndPullSucceed_andSkopeoGivenTheSameFilesDoesToo(ClientKey key) throws Exception {
    Path certDir = certDir(MUTUAL);
    Path hostDirectory = certDir.resolve(MUTUAL.host().name());
    switch (key) {
      case EC_SEC1_WITH_PARAMETERS_BLOCK -> TestPki.writeClient(hostDirectory, "client", PKI.client("ci-runner"),
          TestPki.KeyForm.SEC1_AFTER_EC_PARAMETERS);
      case EC_PKCS8 -> TestPki.writeClient(hostDirectory, "client", PKI.client("ci-runner"), TestPki.KeyForm.PKCS8);
      case RSA_PKCS1 -> TestPki.writeClient(hostDirectory, "client", PKI.rsaClient("ci-runner"),
          TestPki.KeyForm.PKCS1_OR_SEC1);
    }
    Repository repository = MUTUAL.newRepository();
    TestImage image = TestImage.create(12 + key.ordinal());

    try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), options(Optional.of(certDir)))) {
      for (BlobSource blob : image.blobs()) {
        client.pushBlob(repository, blob, Optional.empty());
      }
      client.pushManifest(repository.withTag("1"), image.manifest());
      assertThat(client.pullBlob(repository, image.layer().digest(), temp.resolve("layer")))
          .isEqualTo(image.layer().size());
    }

    // skopeo's --cert-dir is the directory of one registry: the same files, named as it wants them.
    String inspected = skopeo("inspect", "--cert-dir", hostDirectory.toString(), "docker://" + repository + ":1");
    assertThat(new ObjectMapper().readTree(inspected).get("Digest").asText()).isEqualTo(image.digest().toString());
  }

  @Test
  void anExpiredClientCertificate_isBadInput_namingItsFile() {
    Path certDir = certDir(MUTUAL);
    Path hostDirectory = certDir.resolve(MUTUAL.host().name());
    TestPki.writeClient(hostDirectory, "client", PKI.expiredClient("ci-runner"), TestPki.KeyForm.PKCS8);

    try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), options(Optional.of(certDir)))) {
      assertThatThrownBy(() -> client.ping(MUTUAL.host()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith(hostDirectory.resolve("client.cert") + ": the client certificate expired on ");
    }
  }

  private String skopeo(String... arguments) throws Exception {
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
    List<String> command = new ArrayList<>(List.of("skopeo", "--policy", policy.toString()));
    command.addAll(List.of(arguments));
    Path output = temp.resolve("skopeo.out");
    Path errors = temp.resolve("skopeo.err");
    Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
    assertThat(process.exitValue()).as("skopeo %s: %s", command, Files.readString(errors)).isZero();
    return Files.readString(output);
  }
}
