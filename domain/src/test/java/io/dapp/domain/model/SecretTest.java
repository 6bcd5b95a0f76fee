package io.dapp.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void credentialsAndAuths_neverPrintTheSecret() {
    Credentials credentials = new Credentials("user", Secret.of("hunter2-secret"));

    assertThat(credentials.toString()).contains("user").doesNotContain("hunter2-secret");
    assertThat(new RegistryAuth.Basic(credentials).toString()).doesNotContain("hunter2-secret");
    assertThat(new RegistryAuth.IdentityToken(Secret.of("id-tok")).toString()).doesNotContain("id-tok");
    assertThat(new RegistryAuth.RegistryToken(Secret.of("reg-tok")).toString()).doesNotContain("reg-tok");
  }
}
