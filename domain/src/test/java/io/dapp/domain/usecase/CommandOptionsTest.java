package io.dapp.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.login.LoginOptions;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.tag.TagOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandOptionsTest {

  record DryRun(boolean value) {}

  private static final TagOptions TAGS = new TagOptions(List.of("a"), List.of(), true, false, false, false);

  @Test
  void find_returnsTheRecordOfThatType_orNothing() {
    CommandOptions options = CommandOptions.of(TAGS, new DryRun(true));

    assertThat(options.find(TagOptions.class)).contains(TAGS);
    assertThat(options.find(DryRun.class)).contains(new DryRun(true));
    assertThat(CommandOptions.none().find(TagOptions.class)).isEmpty();
  }

  @Test
  void twoRecordsOfOneType_areAProgrammingError() {
    assertThatThrownBy(() -> CommandOptions.of(new DryRun(true), new DryRun(false)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void with_replacesTheRecordOfItsType_andKeepsTheOthers() {
    CommandOptions options = CommandOptions.of(TAGS, new DryRun(true)).with(new DryRun(false));

    assertThat(options).isEqualTo(CommandOptions.of(new DryRun(false), TAGS));
  }

  @Test
  void theOlderInvocationConstructors_giveNoOptions_andWithRegistryOptionsKeepsThem() {
    Repository repository = new Repository(new RegistryHost("r.io"), "web/shop");
    CommandInvocation old = new CommandInvocation(DappCommand.KUBE_VALUES, Optional.of(repository), List.of(),
        Path.of("/p"), new LoginOptions(Optional.empty(), Optional.empty()));
    CommandInvocation withOptions = old.withCommandOptions(CommandOptions.of(TAGS));

    assertThat(old.commandOptions()).isEqualTo(CommandOptions.none());
    assertThat(withOptions.withRegistryOptions(RegistryOptions.defaults()).commandOptions())
        .isEqualTo(CommandOptions.of(TAGS));
  }
}
