package io.dapp.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferJobsTest {

  @Test
  void parsesAWholeNumberFromOneToSixteen() throws Exception {
    assertThat(TransferJobs.parse("1").count()).isEqualTo(1);
    assertThat(TransferJobs.parse(" 6 ").count()).isEqualTo(6);
    assertThat(TransferJobs.parse("16").count()).isEqualTo(16);
    assertThat(TransferJobs.DEFAULT.count()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "17", "-1", "four", "", "2.5", "99999999999"})
  void anythingElse_isBadInput_namingTheOptionAndTheValue(String value) {
    assertThatThrownBy(() -> TransferJobs.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--jobs must be a whole number from 1 to 16, not '" + value + "'");
  }

  @Test
  void registryOptions_carryTheDefault_unlessToldOtherwise() {
    assertThat(RegistryOptions.defaults().transferJobs()).isEqualTo(TransferJobs.DEFAULT);
    assertThat(RegistryOptions.defaults().withTransferJobs(new TransferJobs(9)).transferJobs().count()).isEqualTo(9);
  }
}
