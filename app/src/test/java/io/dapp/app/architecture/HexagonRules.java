package io.dapp.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

  /**
   * Two embedded calls in one JVM (two components, two threads) share nothing: no class keeps state in a
   * static field, neither a non-final one nor a final one holding a mutable collection or map. Compiler
   * made fields (an enum's values, a switch's table) are arrays nobody writes and are not looked at.
   */
  ArchRule noStaticMutableState() {
    return fields().that().areDeclaredInClassesThat().resideInAPackage(root + "..")
        .and().areStatic()
        .should(holdNoMutableState())
        .because("state belongs to a component's objects: a static is shared by every component of the JVM");
  }

  private static ArchCondition<JavaField> holdNoMutableState() {
    return new ArchCondition<>("be final and hold no mutable collection or map") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        if (field.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        if (!field.getModifiers().contains(JavaModifier.FINAL)) {
          events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is static and not final"));
        } else if (mutableCollection(field)) {
          events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is a static mutable "
              + field.getRawType().getSimpleName()));
        }
      }
    };
  }

  /**
   * A collection or map type that is a class (every JDK one is mutable), or an interface the static
   * initializer sets from a mutable one it constructs on the same line without wrapping it unmodifiable
   * ({@code List.of(...)}, {@code Map.copyOf(...)}, {@code Collections.unmodifiableList(...)}).
   */
  private static boolean mutableCollection(JavaField field) {
    JavaClass type = field.getRawType();
    if (!collectionOrMap(type)) {
      return false;
    }
    if (!type.isInterface()) {
      return true;
    }
    Set<Integer> lines = field.getAccessesToSelf().stream()
        .filter(access -> access.getAccessType() == JavaFieldAccess.AccessType.SET)
        .filter(access -> access.getOrigin().getName().equals("<clinit>"))
        .map(JavaAccess::getLineNumber).collect(Collectors.toSet());
    return field.getOwner().getStaticInitializer().map(init -> {
      boolean constructsMutable = init.getConstructorCallsFromSelf().stream()
          .filter(call -> lines.contains(call.getLineNumber()))
          .anyMatch(call -> collectionOrMap(call.getTargetOwner()));
      boolean wraps = init.getMethodCallsFromSelf().stream()
          .filter(call -> lines.contains(call.getLineNumber()))
          .map(call -> call.getTarget().getName())
          .anyMatch(name -> name.startsWith("unmodifiable") || name.equals("copyOf") || name.equals("of"));
      return constructsMutable && !wraps;
    }).orElse(false);
  }

  private static boolean collectionOrMap(JavaClass type) {
    return type.isAssignableTo(Collection.class) || type.isAssignableTo(Map.class);
  }
}
