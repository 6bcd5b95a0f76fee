package io.dapp.adapters.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Secret;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemEnvironmentTest {

  @Test
  void isASnapshot_laterChangesToTheSourceAreNotSeen() {
    Map<String, String> source = new HashMap<>(Map.of("CI_REGISTRY", "registry.example.com"));
    SystemEnvironment environment = new SystemEnvironment(source);

    source.put("CI_REGISTRY", "changed.example.com");

    assertThat(environment.variable("CI_REGISTRY")).contains("registry.example.com");
    assertThatThrownBy(() -> environment.variables().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void emptyVariables_countAsUnset_andSecretsAreRedacted() {
    SystemEnvironment environment = new SystemEnvironment(Map.of("EMPTY", "", "CI_JOB_TOKEN", "job-token"));

    assertThat(environment.variable("EMPTY")).isEmpty();
    assertThat(environment.secret("CI_JOB_TOKEN")).contains(Secret.of("job-token"));
    assertThat(environment.secret("CI_JOB_TOKEN").orElseThrow().toString()).doesNotContain("job-token");
  }

  @Test
  void defaultConstructor_readsTheProcessEnvironment() {
    assertThat(new SystemEnvironment().variables()).isEqualTo(System.getenv());
  }
}
