package io.dapp.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture as rules over a root package, so the same rules run against dapp ({@code io.dapp}) and
 * against deliberately broken fixtures, proving each rule can fail.
 */
final class HexagonRules {

  static final List<String> ADAPTERS = List.of("env", "registry", "cli");

  private final String root;

  HexagonRules(String root) {
    this.root = root;
  }

  String domain() {
    return root + ".domain..";
  }

  String adapter(String name) {
    return root + ".adapters." + name + "..";
  }

  String app() {
    return root + ".app..";
  }

  /** The domain is plain Java: no framework, no annotation library, not even jakarta.inject. */
  ArchRule domainDependsOnlyOnJavaAndItself() {
    return classes().that().resideInAPackage(domain())
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain())
        .because("the domain is pure Java 17; adapters translate technology at their edge");
  }

  /** An adapter swaps by Dagger module only if no other adapter knows it. */
  ArchRule adapterDependsOnNoOtherAdapter(String adapter) {
    String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).map(this::adapter).toArray(String[]::new);
    return noClasses().that().resideInAPackage(adapter(adapter))
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("adapters depend on the domain only");
  }

  ArchRule nothingDependsOnTheCompositionRoot() {
    return noClasses().that().resideOutsideOfPackage(app())
        .and().resideInAPackage(root + "..")
        .should().dependOnClassesThat().resideInAPackage(app())
        .because("app is the composition root; it knows everything and nothing knows it");
  }

  ArchRule domainPackagesAreFreeOfCycles() {
    return slices().matching(root + ".domain.(*)..").should().beFreeOfCycles();
  }

  ArchRule onlyTheCliWritesToStandardStreams() {
    return noClasses().that().resideInAPackage(root + "..")
        .and().resideOutsideOfPackage(adapter("cli"))
        .should(ACCESS_STANDARD_STREAMS)
        .because("output goes through the CLI adapter, which keeps secrets out of it");
  }
}
