package io.dapp.app;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import io.dapp.adapters.cli.LauncherNote;
import io.dapp.adapters.cli.command.DimgBpCommand;
import io.dapp.adapters.cli.command.DimgBuildCommand;
import io.dapp.adapters.cli.command.DimgCleanupRepoCommand;
import io.dapp.adapters.cli.command.DimgFlushLocalCommand;
import io.dapp.adapters.cli.command.DimgFlushRepoCommand;
import io.dapp.adapters.cli.command.DimgPushCommand;
import io.dapp.adapters.cli.command.DimgSpushCommand;
import io.dapp.adapters.cli.command.KubeDeployCommand;
import io.dapp.adapters.cli.command.KubeValuesCommand;
import io.dapp.adapters.cli.command.LoginPlanCommand;
import io.dapp.adapters.cli.command.StagesCleanupLocalCommand;
import io.dapp.adapters.cli.command.StagesCleanupRepoCommand;
import io.dapp.adapters.cli.command.StagesFlushLocalCommand;
import io.dapp.adapters.cli.command.StagesFlushRepoCommand;
import io.dapp.adapters.cli.command.StagesPullCommand;
import io.dapp.adapters.cli.command.StagesPushCommand;
import picocli.CommandLine;

/** The picocli adapter: every command that has dependencies, keyed by its class for picocli's factory. */
@Module
interface CliAdapterModule {

  @Binds
  CommandLine.IFactory commandFactory(CommandFactory factory);

  /** What app/bin/dapp says about starting this JVM, printed by --debug; none when started otherwise. */
  @Provides
  static LauncherNote launcherNote() {
    return LauncherNote.of(System.getProperty(LauncherNote.PROPERTY));
  }

  @Binds @IntoMap @ClassKey(DimgBuildCommand.class)
  Object dimgBuild(DimgBuildCommand command);

  @Binds @IntoMap @ClassKey(DimgPushCommand.class)
  Object dimgPush(DimgPushCommand command);

  @Binds @IntoMap @ClassKey(DimgSpushCommand.class)
  Object dimgSpush(DimgSpushCommand command);

  @Binds @IntoMap @ClassKey(DimgBpCommand.class)
  Object dimgBp(DimgBpCommand command);

  @Binds @IntoMap @ClassKey(StagesPushCommand.class)
  Object stagesPush(StagesPushCommand command);

  @Binds @IntoMap @ClassKey(StagesPullCommand.class)
  Object stagesPull(StagesPullCommand command);

  @Binds @IntoMap @ClassKey(DimgCleanupRepoCommand.class)
  Object dimgCleanupRepo(DimgCleanupRepoCommand command);

  @Binds @IntoMap @ClassKey(DimgFlushRepoCommand.class)
  Object dimgFlushRepo(DimgFlushRepoCommand command);

  @Binds @IntoMap @ClassKey(StagesCleanupRepoCommand.class)
  Object stagesCleanupRepo(StagesCleanupRepoCommand command);

  @Binds @IntoMap @ClassKey(StagesFlushRepoCommand.class)
  Object stagesFlushRepo(StagesFlushRepoCommand command);

  @Binds @IntoMap @ClassKey(KubeDeployCommand.class)
  Object kubeDeploy(KubeDeployCommand command);

  @Binds @IntoMap @ClassKey(KubeValuesCommand.class)
  Object kubeValues(KubeValuesCommand command);

  @Binds @IntoMap @ClassKey(LoginPlanCommand.class)
  Object loginPlan(LoginPlanCommand command);

  @Binds @IntoMap @ClassKey(DimgFlushLocalCommand.class)
  Object dimgFlushLocal(DimgFlushLocalCommand command);

  @Binds @IntoMap @ClassKey(StagesCleanupLocalCommand.class)
  Object stagesCleanupLocal(StagesCleanupLocalCommand command);

  @Binds @IntoMap @ClassKey(StagesFlushLocalCommand.class)
  Object stagesFlushLocal(StagesFlushLocalCommand command);
}
