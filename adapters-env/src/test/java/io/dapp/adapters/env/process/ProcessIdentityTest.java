package io.dapp.adapters.env.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

  @Test
  void currentProcess_isRunning() {
    ProcessIdentity self = ProcessIdentity.current();

    assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(self.startEpochMillis()).isPositive();
    assertThat(self.isRunning()).isTrue();
  }

  @Test
  void samePidWithAnotherStartTime_isAnotherProcess() {
    ProcessIdentity self = ProcessIdentity.current();

    assertThat(new ProcessIdentity(self.pid(), self.startEpochMillis() - 1000).isRunning()).isFalse();
  }

  @Test
  void unknownStartTime_isDecidedByThePidAlone() {
    assertThat(new ProcessIdentity(ProcessHandle.current().pid(), 0).isRunning()).isTrue();
  }

  @Test
  void exitedProcess_isNotRunning() throws Exception {
    Process process = new ProcessBuilder("true").start();
    ProcessIdentity identity = ProcessIdentity.of(process.toHandle());
    process.waitFor();

    assertThat(identity.isRunning()).isFalse();
  }
}
