package io.dapp.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dapp's hexagon, checked on its production classes. */
class ArchitectureTest {

  private static final HexagonRules RULES = new HexagonRules("io.dapp");
  private static JavaClasses dapp;

  @BeforeAll
  static void importProductionClasses() {
    dapp = ProductionClasses.get();
  }

  /** Rules over empty packages pass vacuously: every package a rule names must hold classes. */
  @ParameterizedTest
  @ValueSource(strings = {"io.dapp.domain.model", "io.dapp.domain.login", "io.dapp.domain.port",
      "io.dapp.domain.usecase", "io.dapp.domain.error", "io.dapp.adapters.env", "io.dapp.adapters.registry",
      "io.dapp.adapters.cli", "io.dapp.app"})
  void everyPackageTheRulesNameHoldsClasses(String packageName) {
    assertThat(dapp.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(packageName)))
        .as("classes in " + packageName).isNotEmpty();
  }

  @Test
  void domainDependsOnlyOnJavaAndItself() {
    RULES.domainDependsOnlyOnJavaAndItself().check(dapp);
  }

  @ParameterizedTest
  @ValueSource(strings = {"env", "registry", "cli"})
  void adaptersDoNotDependOnEachOther(String adapter) {
    RULES.adapterDependsOnNoOtherAdapter(adapter).check(dapp);
  }

  @Test
  void nothingDependsOnTheCompositionRoot() {
    RULES.nothingDependsOnTheCompositionRoot().check(dapp);
  }

  @Test
  void domainPackagesAreFreeOfCycles() {
    RULES.domainPackagesAreFreeOfCycles().check(dapp);
  }

  @Test
  void onlyTheCliWritesToStandardStreams() {
    RULES.onlyTheCliWritesToStandardStreams().check(dapp);
  }

  @Test
  void noClassKeepsStaticMutableState() {
    RULES.noStaticMutableState().check(dapp);
  }
}
