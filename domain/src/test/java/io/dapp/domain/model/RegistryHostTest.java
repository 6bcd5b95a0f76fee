package io.dapp.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryHostTest {

  @ParameterizedTest
  @CsvSource({
      "registry.example.com, registry.example.com",
      "https://registry.example.com/v2/, registry.example.com",
      "http://Registry.Example.com:5050, registry.example.com:5050",
      "index.docker.io, docker.io",
      "https://index.docker.io/v1/, docker.io",
      "registry-1.docker.io, docker.io"})
  void parse_normalisesAddressesAsCiSystemsWriteThem(String address, String expected) throws Exception {
    assertThat(RegistryHost.parse(address).name()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a host", "host:0", "host:abc", "-host.com", "host..com"})
  void parse_rejectsWhatIsNotAnAddress(String address) {
    assertThatThrownBy(() -> RegistryHost.parse(address)).isInstanceOf(InvalidReferenceException.class);
  }

  @ParameterizedTest
  @CsvSource({"localhost:5000, true", "127.0.0.1, true", "127.10.0.1:80, true", "[::1]:5000, true",
      "localhost.evil.com, false", "128.0.0.1, false", "10.0.0.1, false"})
  void loopback_isRecognisedOnTheParsedHost(String host, boolean loopback) {
    assertThat(new RegistryHost(host).isLoopback()).isEqualTo(loopback);
  }

  @Test
  void dockerHub_isServedByRegistry1() {
    assertThat(RegistryHost.DOCKER_HUB.apiAuthority()).isEqualTo("registry-1.docker.io");
    assertThat(new RegistryHost("index.docker.io")).isEqualTo(RegistryHost.DOCKER_HUB);
  }
}
