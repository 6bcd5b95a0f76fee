package io.dapp.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule, run against a fixture hexagon that breaks it on purpose, must report the
 * violation: a rule that cannot fail proves nothing.
 */
class ArchitectureRulesCanFailTest {

  private static final String FIXTURE = "io.dapp.app.architecture.fixture";
  private static final HexagonRules RULES = new HexagonRules(FIXTURE);
  private static JavaClasses fixture;

  @BeforeAll
  static void importFixture() {
    fixture = new ClassFileImporter().importPackages(FIXTURE);
  }

  private static EvaluationResult evaluate(ArchRule rule) {
    return rule.evaluate(fixture);
  }

  @Test
  void domainRule_reportsADomainClassUsingAFramework() {
    EvaluationResult result = evaluate(RULES.domainDependsOnlyOnJavaAndItself());

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("DomainUsingPicocli").contains("picocli");
  }

  @Test
  void adapterRule_reportsAnAdapterUsingAnother() {
    EvaluationResult result = evaluate(RULES.adapterDependsOnNoOtherAdapter("cli"));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("CliUsingRegistry");
  }

  @Test
  void compositionRootRule_reportsAnAdapterUsingApp() {
    EvaluationResult result = evaluate(RULES.nothingDependsOnTheCompositionRoot());

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("RegistryUsingApp");
  }

  @Test
  void cycleRule_reportsTwoDomainPackagesUsingEachOther() {
    EvaluationResult result = evaluate(RULES.domainPackagesAreFreeOfCycles());

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("Cycle");
  }

  @Test
  void standardStreamRule_reportsAnAdapterPrinting() {
    EvaluationResult result = evaluate(RULES.onlyTheCliWritesToStandardStreams());

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("EnvPrinting");
  }

  @Test
  void standardStreamRule_allowsTheCli() {
    EvaluationResult result = evaluate(RULES.onlyTheCliWritesToStandardStreams());

    assertThat(result.getFailureReport().toString()).doesNotContain("CliPrinting");
  }

  @Test
  void staticStateRule_reportsANonFinalStaticAndAStaticMutableMap() {
    EvaluationResult result = evaluate(RULES.noStaticMutableState());

    assertThat(result.getFailureReport().toString())
        .contains("EnvStaticState.calls").contains("EnvStaticState.byName").contains("EnvStaticState.filled")
        .doesNotContain("EnvStaticState.NAMES").doesNotContain("EnvStaticState.WRAPPED");
  }
}
