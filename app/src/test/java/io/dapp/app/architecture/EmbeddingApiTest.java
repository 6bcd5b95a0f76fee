package io.dapp.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding API is {@code io.dapp.app.embed} and every dapp type its public signatures name, transitively
 * (results, values, ports, exceptions): what an embedder may touch. The outside-style test
 * ({@code com.example.pipeline}) touches nothing else of dapp's, bar the test fixtures it stands on.
 */
class EmbeddingApiTest {

  private static final String API = "io.dapp.app.embed";
  /** What a test of an embedding stands on: the real registry, and the domain's fake of it. */
  private static final Set<String> FIXTURES = Set.of("io.dapp.adapters.registry.DistributionRegistry",
      "io.dapp.domain.registry.InMemoryRegistryClientFactory", "io.dapp.domain.registry.InMemoryRegistryClient");

  private static Set<String> published;

  @BeforeAll
  static void publishedTypes() {
    published = published(ProductionClasses.get());
  }

  /** Every dapp class named by a public signature of the API, following the classes it names in turn. */
  static Set<String> published(JavaClasses dapp) {
    Set<String> found = new TreeSet<>();
    Deque<JavaClass> todo = new ArrayDeque<>();
    dapp.stream().filter(c -> c.getPackageName().equals(API) && c.getModifiers().contains(JavaModifier.PUBLIC))
        .forEach(todo::add);
    while (!todo.isEmpty()) {
      JavaClass next = todo.removeFirst();
      if (!found.add(next.getName())) {
        continue;
      }
      Stream<JavaType> named = Stream.concat(Stream.of(next.getSuperclass().stream(), next.getInterfaces().stream())
              .flatMap(s -> s.map(t -> (JavaType) t)),
          Stream.concat(
              next.getCodeUnits().stream().filter(EmbeddingApiTest::isPublic).flatMap(EmbeddingApiTest::types),
              next.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                  .map(JavaField::getType)));
      named.flatMap(type -> type.getAllInvolvedRawTypes().stream())
          .filter(type -> type.getName().startsWith("io.dapp.") && dapp.contain(type.getName()))
          .forEach(todo::add);
    }
    return found;
  }

  private static boolean isPublic(JavaCodeUnit unit) {
    return unit.getModifiers().contains(JavaModifier.PUBLIC) && !unit.getName().equals("<clinit>");
  }

  private static Stream<JavaType> types(JavaCodeUnit unit) {
    return Stream.of(Stream.of(unit.getReturnType()), unit.getParameterTypes().stream(),
        unit.getThrowsClause().getTypes().stream().map(t -> (JavaType) t)).flatMap(s -> s);
  }

  static ArchRule onlyTheApiIsUsedBy(String outsidePackage, Set<String> published) {
    DescribedPredicate<JavaClass> allowed = DescribedPredicate.describe("the embedding API, the JDK, JUnit, AssertJ "
        + "or a test fixture", type -> {
          String name = type.getName();
          String base = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
          return type.getPackageName().startsWith("java") || name.startsWith("org.junit.")
              || name.startsWith("org.assertj.") || name.startsWith(outsidePackage + ".")
              || published.contains(name) || FIXTURES.contains(base) || type.isPrimitive() || type.isArray();
        });
    return classes().that().resideInAPackage(outsidePackage + "..")
        .should().onlyDependOnClassesThat(allowed)
        .because("an embedder uses dapp through its published API only");
  }

  @Test
  void thePublishedApi_namesResultsPortsAndErrors_butNoAdapterAndNoPartOfTheCompositionRoot() {
    assertThat(published).contains(API + ".EmbeddedDapp", API + ".EmbeddedDapp$Builder",
        "io.dapp.domain.push.PushResult", "io.dapp.domain.push.PushedTag", "io.dapp.domain.build.BuildResult",
        "io.dapp.domain.cleanup.CleanupReport", "io.dapp.domain.usecase.LoginExplanation",
        "io.dapp.domain.port.Console", "io.dapp.domain.port.CredentialSource",
        "io.dapp.domain.registry.RegistryClientFactory", "io.dapp.domain.error.DappException");
    assertThat(published).noneMatch(name -> name.startsWith("io.dapp.adapters."))
        .noneMatch(name -> name.startsWith("io.dapp.app.") && !name.startsWith(API + "."));
  }

  @Test
  void theOutsideStyleTest_usesOnlyThePublishedApi() {
    JavaClasses outside = new ClassFileImporter().importPackages("com.example.pipeline");
    assertThat(outside).as("the outside-style test is there to be checked").isNotEmpty();

    onlyTheApiIsUsedBy("com.example.pipeline", published).check(outside);
  }

  @Test
  void theRule_reportsAnOutsideClassBuildingTheComponentItself() {
    JavaClasses misuse = new ClassFileImporter().importPackages("com.example.misuse");

    EvaluationResult result = onlyTheApiIsUsedBy("com.example.misuse", published).evaluate(misuse);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("io.dapp.app.EmbeddedComponent")
        .contains("io.dapp.app.EmbeddedAdapters").contains("RegistryCommandUseCase");
  }
}
