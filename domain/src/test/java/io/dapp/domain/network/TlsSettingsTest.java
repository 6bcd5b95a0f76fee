package io.dapp.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

  @Test
  void aHostsDirectories_areNamedAsDockerNamesThem_inDockersThenContainersCertsD() {
    assertThat(TlsSettings.DEFAULT.directoriesFor("Registry.Corp", 443)).containsExactly(
        Path.of("/etc/docker/certs.d/registry.corp"), Path.of("/etc/docker/certs.d/registry.corp:443"),
        Path.of("/etc/containers/certs.d/registry.corp"), Path.of("/etc/containers/certs.d/registry.corp:443"));
    assertThat(TlsSettings.DEFAULT.directoriesFor("registry.corp", 5000)).containsExactly(
        Path.of("/etc/docker/certs.d/registry.corp:5000"), Path.of("/etc/containers/certs.d/registry.corp:5000"));
    assertThat(TlsSettings.DEFAULT.directoriesFor("fd00::1", 5000)).first()
        .isEqualTo(Path.of("/etc/docker/certs.d/[fd00::1]:5000"));
  }

  @Test
  void aCertDirectory_replacesTheSystemOnes() {
    TlsSettings settings = TlsSettings.DEFAULT.withCertDirectory(
        Optional.of(new CertDirectory(Path.of("/ci/certs.d"), "--cert-dir")));

    assertThat(settings.directoriesFor("127.0.0.1", 5000)).containsExactly(Path.of("/ci/certs.d/127.0.0.1:5000"));
    assertThat(settings.caFileFor("127.0.0.1", 5000)).isEqualTo(Path.of("/ci/certs.d/127.0.0.1:5000/ca.crt"));
  }
}
