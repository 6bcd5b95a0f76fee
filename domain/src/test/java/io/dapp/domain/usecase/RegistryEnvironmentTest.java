package io.dapp.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.Repository;
import io.dapp.domain.network.CertDirectory;
import io.dapp.domain.network.NetworkSettings;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryEnvironmentTest {

  private final Map<String, String> environment = new HashMap<>();

  private RegistryOptions apply(DappCommand command, RegistryOptions options) throws Exception {
    CommandInvocation invocation = new CommandInvocation(command,
        command.takesRepository() ? Optional.of(Repository.parse("registry.corp/app")) : Optional.empty(),
        List.of(), Path.of("/project"), LoginOptions.NONE, options);
    return RegistryEnvironment.apply(invocation, () -> environment).registryOptions();
  }

  @Test
  void mirrorsAndCertDirectory_comeFromTheEnvironment_unlessTheCommandLineNamesThem() throws Exception {
    environment.put("DAPP_REGISTRY_MIRROR", " https://mirror-a.corp/ ,,http://127.0.0.1:5001,https://mirror-a.corp");
    environment.put("DAPP_CERT_DIR", "/from/env");

    RegistryOptions fromEnvironment = apply(DappCommand.DIMG_BUILD, RegistryOptions.defaults());
    RegistryOptions fromOptions = apply(DappCommand.DIMG_BUILD, RegistryOptions.defaults()
        .withMirrors(List.of(RegistryMirror.parse("--registry-mirror", "mirror-c.corp")))
        .withNetwork(NetworkSettings.DEFAULT.withTls(TlsSettings.DEFAULT.withCertDirectory(
            Optional.of(new CertDirectory(Path.of("/from/option"), "--cert-dir"))))));

    assertThat(fromEnvironment.mirrors()).extracting(Object::toString)
        .containsExactly("https://mirror-a.corp", "http://127.0.0.1:5001");
    assertThat(fromEnvironment.network().tls().certDirectory())
        .contains(new CertDirectory(Path.of("/from/env"), "$DAPP_CERT_DIR"));
    assertThat(fromOptions.mirrors()).extracting(Object::toString).containsExactly("https://mirror-c.corp");
    assertThat(fromOptions.network().tls().roots()).containsExactly(Path.of("/from/option"));
  }

  @Test
  void sslCertFileAndDirectories_andProxies_areRead() throws Exception {
    environment.put("SSL_CERT_FILE", "/etc/ssl/corp.pem");
    environment.put("SSL_CERT_DIR", "/etc/ssl/certs::/opt/ca ");
    environment.put("https_proxy", "proxy.corp:3128");
    environment.put("NO_PROXY", "registry.corp");

    RegistryOptions options = apply(DappCommand.DIMG_PUSH, RegistryOptions.defaults());

    assertThat(options.network().tls().sslCertFile()).contains(Path.of("/etc/ssl/corp.pem"));
    assertThat(options.network().tls().sslCertDirectories()).containsExactly(Path.of("/etc/ssl/certs"), Path.of("/opt/ca"));
    assertThat(options.network().tls().roots()).isEqualTo(TlsSettings.SYSTEM_DIRECTORIES);
    assertThat(options.network().proxies().route("https", "registry.corp", 443).proxy()).isEmpty();
    assertThat(options.network().proxies().route("https", "docker.io", 443).proxy()).map(Object::toString)
        .contains("http://proxy.corp:3128");
  }

  @Test
  void theTransferJobsOfTheCommandLine_surviveInsecureRegistriesFromTheEnvironment() throws Exception {
    environment.put("DAPP_INSECURE_REGISTRY", "registry.corp");
    RegistryOptions options = RegistryOptions.defaults()
        .withTransferJobs(io.dapp.domain.registry.TransferJobs.parse("7"));

    assertThat(apply(DappCommand.DIMG_PUSH, options).transferJobs().count()).isEqualTo(7);
  }

  @Test
  void localCommands_readNoneOfIt() throws Exception {
    environment.put("HTTPS_PROXY", "https://not-supported");
    environment.put("DAPP_REGISTRY_MIRROR", "ftp://nonsense");

    assertThat(apply(DappCommand.DIMG_FLUSH_LOCAL, RegistryOptions.defaults())).isEqualTo(RegistryOptions.defaults());
  }

  @Test
  void badValues_areBadInput_namingTheVariable() {
    environment.put("DAPP_REGISTRY_MIRROR", "https://user:pw@mirror.corp");

    assertThatThrownBy(() -> apply(DappCommand.DIMG_BUILD, RegistryOptions.defaults()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("$DAPP_REGISTRY_MIRROR: a mirror URL must not hold credentials")
        .hasMessageNotContaining("pw");
  }
}
