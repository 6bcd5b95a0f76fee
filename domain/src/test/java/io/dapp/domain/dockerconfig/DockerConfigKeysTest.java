package io.dapp.domain.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.model.RegistryHost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerConfigKeysTest {

  @ParameterizedTest
  @CsvSource({
      "docker.io, https://index.docker.io/v1/",
      "index.docker.io, https://index.docker.io/v1/",
      "registry-1.docker.io, https://index.docker.io/v1/",
      "registry.example.com, registry.example.com",
      "registry.example.com:5050, registry.example.com:5050"})
  void keyFor_writesDockerHubAsTheV1IndexAndOthersAsTheirHost(String host, String key) {
    assertThat(DockerConfigKeys.keyFor(new RegistryHost(host))).isEqualTo(key);
  }

  @ParameterizedTest(name = "[{index}] {0} is found for {1}")
  @CsvSource({
      "registry.example.com, registry.example.com",
      "https://registry.example.com/v1/, registry.example.com",
      "https://registry.example.com, registry.example.com",
      "http://registry.example.com:5000, registry.example.com:5000",
      "registry.example.com:5000/some/path, registry.example.com:5000",
      "HTTPS://Registry.Example.COM/v2/, registry.example.com",
      "https://index.docker.io/v1/, docker.io",
      "https://index.docker.io/v1/, index.docker.io",
      "https://index.docker.io/v1/, registry-1.docker.io",
      "docker.io, docker.io",
      "index.docker.io, docker.io",
      "https://registry-1.docker.io/v2/, docker.io"})
  void find_matchesKeysNormalisedToTheHost(String key, String host) {
    assertThat(DockerConfigKeys.find(List.of("unrelated.example.com", key), new RegistryHost(host)))
        .contains(key);
  }

  @ParameterizedTest(name = "[{index}] {0} is not found for {1}")
  @CsvSource({
      "registry.example.com:5000, registry.example.com",
      "registry.example.com, registry.example.com:5000",
      "https://registry.example.com.evil.com/, registry.example.com",
      "evil.com/registry.example.com, registry.example.com",
      "not a key, docker.io",
      "quay.io, docker.io"})
  void find_keepsPortsAndDoesNotMatchOtherHosts(String key, String host) {
    assertThat(DockerConfigKeys.find(List.of(key), new RegistryHost(host))).isEmpty();
  }

  @Test
  void find_prefersTheExactKeyOverAnEarlierNormalisedOne() {
    List<String> keys = List.of("https://registry.example.com/v1/", "registry.example.com");

    assertThat(DockerConfigKeys.find(keys, new RegistryHost("registry.example.com")))
        .contains("registry.example.com");
  }

  @Test
  void find_prefersTheV1IndexForDockerHub() {
    List<String> keys = List.of("docker.io", "https://index.docker.io/v1/");

    assertThat(DockerConfigKeys.find(keys, RegistryHost.DOCKER_HUB)).contains("https://index.docker.io/v1/");
  }

  @Test
  void find_takesTheFirstOfSeveralNormalisedMatches() {
    List<String> keys = List.of("http://registry.example.com/", "https://registry.example.com/v2/");

    assertThat(DockerConfigKeys.find(keys, new RegistryHost("registry.example.com")))
        .contains("http://registry.example.com/");
  }
}
