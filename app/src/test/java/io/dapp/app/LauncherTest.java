package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.domain.model.Repository;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher ({@code app/bin/dapp}) on the real jar, in a copy of the layout it expects
 * ({@code app/bin/dapp}, {@code app/target/dapp.jar}), with the start-up caches the build scripts make there:
 * the AOT caches of {@code app/cds/make-aot-cache.sh} for a JDK 25 and the CDS archive of
 * {@code app/cds/make-archive.sh} for the JDK 17 running the tests. Which one the launcher uses, and why not,
 * as {@code --debug} prints it; which classes really came from the cache, as the JVM logs them.
 *
 * <p>It needs the shaded jar, so Maven runs it after {@code package} (the surefire execution "launcher" of
 * app/pom.xml sets {@code dapp.jar}); run in the test phase it is skipped. The JDK 25 tests are skipped when no
 * JDK 25 or later is installed (under /usr/lib/jvm, or named by {@code DAPP_TEST_JDK25}).
 */
class LauncherTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  private static final Pattern TIMING = Pattern.compile("\\d+(\\.\\d+)? ?(s|ms)\\b");

  @TempDir
  static Path shared;
  private static Path layout;
  private static Path pristine;
  private static Path project;
  private static Optional<Path> jdk25;
  private static Path jdk17;
  private static String training;

  @TempDir
  Path work;

  @BeforeAll
  static void layoutWithCaches() throws Exception {
    String jar = System.getProperty("dapp.jar");
    assumeTrue(jar != null, "runs after package, in the surefire execution 'launcher', which names the jar");
    jdk17 = jdkBefore25().orElse(null);
    assumeTrue(jdk17 != null, "no JDK 17 to 24 is installed: the tests compare the AOT caches with the CDS archive");
    layout = shared.resolve("checkout");
    Path bin = Files.createDirectories(layout.resolve("app/bin"));
    Path target = Files.createDirectories(layout.resolve("app/target"));
    Files.copy(Path.of("bin/dapp"), bin.resolve("dapp"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(Path.of(jar), target.resolve("dapp.jar"));
    Path cds = Files.createDirectories(layout.resolve("app/cds"));
    for (String script : List.of("make-archive.sh", "make-aot-cache.sh")) {
      Files.copy(Path.of("cds", script), cds.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
    }
    project = Files.createDirectories(shared.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), "from: scratch\ngit:\n- add: /src\n  to: /srv\n");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/index.html"), "launcher test\n");

    jdk25 = jdk25();
    Result archive = script(Map.of("JAVA_HOME", jdk17.toString()), "make-archive.sh",
        target.resolve("dapp.jar").toString(), target.resolve("dapp.jsa").toString());
    assertThat(archive.out()).as(archive.toString()).contains("[cds]").contains("classes archived");
    if (jdk25.isPresent()) {
      // As a build on JDK 17 with JAVA_HOME at a JDK 25: the launcher's java is the one trained.
      Result aot = script(Map.of("JAVA_HOME", jdk25.get().toString()), "make-aot-cache.sh",
          target.resolve("dapp.jar").toString(), target.toString(), jdk17.toString());
      training = aot.out();
      assertThat(training).as(aot.toString())
          .containsPattern("\\[aot\\] \\d+ classes \\(\\d+ of dapp and its libraries\\) in .*dapp-info.aot .*"
              + "trained on 3 command\\(s\\)\n")
          .containsPattern("\\[aot\\] \\d+ classes \\(\\d+ of dapp and its libraries\\) in .*dapp.aot .*"
              + "trained on 8 command\\(s\\)\n")
          .doesNotContain("failed");
    }
    pristine = Files.createDirectories(shared.resolve("pristine"));
    try (Stream<Path> files = Files.list(target)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, pristine.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  @BeforeEach
  void pristineTarget() throws Exception {
    // A test may damage or outdate a cache. Not a copy per test: a cache names its jar's path, and the launcher
    // would refuse it at any other. So the target directory is put back as the build left it, times included.
    Path target = target();
    try (Stream<Path> files = Files.list(target)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    try (Stream<Path> files = Files.list(pristine)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path restored = target.resolve(file.getFileName().toString());
        Files.copy(file, restored, StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(stampTime(restored)).as("restored with its time").isEqualTo(stampTime(file));
      }
    }
  }

  private static Path launcher() {
    return layout.resolve("app/bin/dapp");
  }

  private static Path target() {
    return layout.resolve("app/target");
  }

  // --- JDK 25: the AOT caches ----------------------------------------------------------------------------------

  @Test
  void jdk25_aWorkCommand_startsWithTheWorkCache_andDappsClassesComeFromIt() throws Exception {
    Path jdk = requireJdk25();
    Path classLog = work.resolve("classes.log");

    Result result = launch(Map.of("JAVA_HOME", jdk.toString(),
        "DAPP_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
        "dimg", "build", "--dir", project.toString(), "--store", work.resolve("store").toString(), "--debug");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).isEqualTo("dapp: debug: launcher: java " + realJava(jdk) + " (JAVA_HOME, "
        + runtimeVersion(jdk) + "), AOT cache " + target().resolve("dapp.aot"));
    ClassSources sources = ClassSources.read(classLog);
    // The shaded jar's own classes and the component Dagger generated come from the cache...
    assertThat(sources.fromCache("io.dapp.app.DaggerDappComponent")).isTrue();
    assertThat(sources.fromCache("io.dapp.adapters.cli.command.DimgBuildCommand")).isTrue();
    assertThat(sources.fromCache("com.fasterxml.jackson.databind.ObjectMapper")).isTrue();
    assertThat(sources.fromCache("org.eclipse.jgit.lib.Repository")).isTrue();
    assertThat(sources.cached("io.dapp.")).isGreaterThan(400);
    // ...but not picocli, whose class files are Java 5's: the JVM links such classes only when it loads them,
    // and an AOT cache holds linked classes only. Nor Dagger's factories, which implement javax.inject.Provider,
    // another Java 5 class file.
    assertThat(sources.fromCache("picocli.CommandLine")).isFalse();
    assertThat(sources.fromCache("io.dapp.app.ProcessModule_EnvironmentFactory")).isFalse();
    assertThat(result.err()).doesNotContain("[aot]").doesNotContain("[cds]");
  }

  @Test
  void jdk25_commandsThatOnlyPrint_startWithTheInfoCache() throws Exception {
    Path jdk = requireJdk25();
    Path classLog = work.resolve("classes.log");

    Result plan = launch(Map.of("JAVA_HOME", jdk.toString(),
        "DAPP_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog + " -XshowSettings:properties"),
        "registry", "login-plan", "dimg", "push", REGISTRY.host() + "/x");

    assertThat(plan.exit()).as(plan.toString()).isZero();
    assertThat(plan.err()).contains("dapp.launcher = java " + realJava(jdk) + " (JAVA_HOME, " + runtimeVersion(jdk)
        + "), AOT cache " + target().resolve("dapp-info.aot"));
    ClassSources sources = ClassSources.read(classLog);
    assertThat(sources.fromCache("io.dapp.domain.login.LoginPolicy")).isTrue();
    // Nothing of pushing is loaded at all: the info cache does not have it.
    assertThat(sources.loaded("org.glassfish.jersey.client.JerseyClient")).isFalse();
  }

  @Test
  void jdk25_theCache_changesNoOutput() throws Exception {
    Path jdk = requireJdk25();
    Repository cached = REGISTRY.newRepository();
    Repository uncached = REGISTRY.newRepository();
    List<List<String>> commandLines = List.of(
        List.of("--help"),
        List.of("--version"),
        List.of("dimg", "push", "--help"),
        List.of("registry", "login-plan", "dimg", "push", "REPO"),
        List.of("registry", "login-plan", "--json", "dimg", "cleanup", "repo", "REPO"),
        List.of("dimg", "build", "--dir", project.toString(), "--store", "STORE"),
        List.of("dimg", "push", "REPO", "--dir", project.toString(), "--store", "STORE"),
        List.of("dimg", "push", "REPO", "--dir", project.toString(), "--store", "STORE"),
        List.of("dimg", "stages", "push", "REPO", "--dir", project.toString(), "--store", "STORE"),
        List.of("dimg", "stages", "pull", "REPO", "--dir", project.toString(), "--store", "STORE-PULL"),
        List.of("dimg", "nosuchcommand"));
    for (List<String> commandLine : commandLines) {
      Result withCache = launch(Map.of("JAVA_HOME", jdk.toString()), concrete(commandLine, cached, "with"));
      // The same JVM without the cache: the option that comes last wins.
      Result without = launch(Map.of("JAVA_HOME", jdk.toString(), "DAPP_JAVA_OPTS", "-XX:AOTMode=off"),
          concrete(commandLine, uncached, "without"));

      assertThat(without.exit()).as(String.join(" ", commandLine)).isEqualTo(withCache.exit());
      assertThat(comparable(without.out(), uncached, "without"))
          .as(String.join(" ", commandLine)).isEqualTo(comparable(withCache.out(), cached, "with"));
      assertThat(comparable(without.err(), uncached, "without"))
          .as(String.join(" ", commandLine)).isEqualTo(comparable(withCache.err(), cached, "with"));
    }
  }

  @Test
  void jdk25_aJarNewerThanTheCache_skipsIt_andSaysSo() throws Exception {
    Path jdk = requireJdk25();
    Files.setLastModifiedTime(target().resolve("dapp.jar"), FileTime.from(Instant.now().plusSeconds(60)));

    Result result = buildWithDebug(jdk);

    assertThat(result.firstErrLine()).endsWith(", no start-up cache: dapp.aot is older than the jar: run 'mvn "
        + "package' again");
    assertThat(result.err()).doesNotContain("[aot]");
  }

  @Test
  void jdk25_anotherJdk25_skipsTheCache_andSaysForWhichJvmItWasMade() throws Exception {
    Path jdk = requireJdk25();
    // Another JDK at another path, as a second unpacked copy would be: its own bin/java (the launcher resolves
    // links), the same libraries and runtime image.
    Path other = Files.createDirectories(work.resolve("other-jdk/bin"));
    Files.copy(realJava(jdk), other.resolve("java"), StandardCopyOption.COPY_ATTRIBUTES);
    Path otherHome = other.getParent();
    Files.createSymbolicLink(otherHome.resolve("lib"), jdk.resolve("lib").toRealPath());
    Files.createSymbolicLink(otherHome.resolve("conf"), jdk.resolve("conf").toRealPath());
    Files.copy(jdk.resolve("release"), otherHome.resolve("release"));

    Result result = buildWithDebug(otherHome);

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).isEqualTo("dapp: debug: launcher: java " + other.resolve("java")
        + " (JAVA_HOME, " + runtimeVersion(jdk) + "), no start-up cache: dapp.aot was made for " + realJava(jdk));
  }

  @Test
  void jdk25_anUpdatedJdk_skipsTheCache_andSaysSo() throws Exception {
    Path jdk = requireJdk25();
    rewriteStampLine(target().resolve("dapp.aot.jvm"), 1, "25.0.0+1-LTS");

    Result result = buildWithDebug(jdk);

    assertThat(result.firstErrLine()).endsWith(", no start-up cache: dapp.aot was made by build 25.0.0+1-LTS of "
        + "this JVM, which is now " + runtimeVersion(jdk) + ": run 'mvn package' again");
  }

  @Test
  void jdk25_aCheckoutThatMoved_skipsTheCache_andSaysSo() throws Exception {
    Path jdk = requireJdk25();
    rewriteStampLine(target().resolve("dapp.aot.jvm"), 3, "/elsewhere/app/target/dapp.jar");

    Result result = buildWithDebug(jdk);

    assertThat(result.firstErrLine()).endsWith(", no start-up cache: dapp.aot was made for the jar at "
        + "/elsewhere/app/target/dapp.jar (the JVM checks the path)");
  }

  @Test
  void jdk25_aCacheCutShort_isSkipped_andDappStillRuns() throws Exception {
    Path jdk = requireJdk25();
    Path cache = target().resolve("dapp.aot");
    FileTime time = Files.getLastModifiedTime(cache);
    byte[] bytes = Files.readAllBytes(cache);
    Files.write(cache, Arrays.copyOf(bytes, bytes.length / 2));
    Files.setLastModifiedTime(cache, time);

    Result result = buildWithDebug(jdk);

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).contains(", no start-up cache: dapp.aot is damaged: it is not the file the "
        + "build wrote (size and time: " + bytes.length / 2 + " ");
    assertThat(result.err()).doesNotContain("[aot]");
  }

  @Test
  void jdk25_aCacheWrittenOver_isSkipped_andDappStillRuns() throws Exception {
    Path jdk = requireJdk25();
    Path cache = target().resolve("dapp.aot");
    // Same size, bytes in the middle changed: the JVM checks no more than the header, and would crash.
    byte[] bytes = Files.readAllBytes(cache);
    Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 4096, (byte) 0x5a);
    Files.write(cache, bytes);

    Result result = buildWithDebug(jdk);

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).contains(", no start-up cache: dapp.aot is damaged: it is not the file the "
        + "build wrote");
  }

  @Test
  void jdk25_whatTheJvmRefusesAfterTheLaunchersChecks_itSaysOnStderr_neverOnStdout() throws Exception {
    Path jdk = requireJdk25();
    Path cache = target().resolve("dapp-info.aot");
    // A header the JVM cannot read, and a stamp that matches it: the launcher passes it on.
    byte[] bytes = Files.readAllBytes(cache);
    Arrays.fill(bytes, 0, 16, (byte) 0x5a);
    Files.write(cache, bytes);
    rewriteStampLine(target().resolve("dapp-info.aot.jvm"), 2,
        bytes.length + " " + stampTime(cache));

    Result result = launch(Map.of("JAVA_HOME", jdk.toString()), "--version");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("dapp ").doesNotContain("aot");
    assertThat(result.err()).contains("[aot]");
  }

  // --- JDK 17: the CDS archive, as before ------------------------------------------------------------------------

  @Test
  void jdk17_startsWithTheCdsArchive_whateverTheAotCachesSay() throws Exception {
    Result result = buildWithDebug(jdk17);

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).startsWith("dapp: debug: launcher: java " + realJava(jdk17) + " (JAVA_HOME, ")
        .endsWith(", CDS archive " + target().resolve("dapp.jsa")
            + (jdk25.isPresent() ? " (dapp.aot was made for " + realJava(jdk25.get()) + ")" : ""));
    assertThat(result.err()).doesNotContain("[cds]").doesNotContain("[aot]");
  }

  @Test
  void jdk17_onPath_whenJavaHomeIsUnset() throws Exception {
    Result result = launch(Map.of("PATH", jdk17.resolve("bin") + ":/usr/bin:/bin"),
        "dimg", "build", "--dir", project.toString(), "--store", work.resolve("store").toString(), "--debug");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).startsWith("dapp: debug: launcher: java " + realJava(jdk17) + " (PATH, ")
        .contains(", CDS archive ");
  }

  @Test
  void jdk17_aJarNewerThanTheArchive_runsWithoutIt_andSaysSo() throws Exception {
    Files.setLastModifiedTime(target().resolve("dapp.jar"), FileTime.from(Instant.now().plusSeconds(60)));

    Result result = buildWithDebug(jdk17);

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.firstErrLine()).contains(", no start-up cache: ");
  }

  @Test
  void aJavaHomeWithoutJava_isAUsageError() throws Exception {
    Result result = launch(Map.of("JAVA_HOME", work.resolve("no-jdk").toString()), "--version");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("dapp: JAVA_HOME is " + work.resolve("no-jdk")
        + ", which has no bin/java (unset it to use java on PATH)\n");
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  private Result buildWithDebug(Path jdk) throws Exception {
    return launch(Map.of("JAVA_HOME", jdk.toString()),
        "dimg", "build", "--dir", project.toString(), "--store", work.resolve("store").toString(), "--debug");
  }

  private static Path requireJdk25() {
    assumeTrue(jdk25.isPresent(), "no JDK 25 or later is installed (under /usr/lib/jvm, or DAPP_TEST_JDK25)");
    return jdk25.get();
  }

  /** A JDK 25 or later: DAPP_TEST_JDK25, else the newest under /usr/lib/jvm. */
  private static Optional<Path> jdk25() throws IOException {
    String named = System.getenv("DAPP_TEST_JDK25");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && !Files.isSymbolicLink(home))
          .filter(home -> feature(home) >= 25)
          .max((a, b) -> Integer.compare(feature(a), feature(b)));
    }
  }

  /** A JDK 17 to 24: the one running the tests, else the newest under /usr/lib/jvm. */
  private static Optional<Path> jdkBefore25() throws IOException {
    if (Runtime.version().feature() < 25) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && !Files.isSymbolicLink(home))
          .filter(home -> feature(home) >= 17 && feature(home) < 25)
          .max((a, b) -> Integer.compare(feature(a), feature(b)));
    }
  }

  private static int feature(Path home) {
    String version = releaseValue(home, "JAVA_VERSION");
    String digits = version.replaceAll("^(\\d+).*", "$1");
    return digits.matches("\\d+") ? Integer.parseInt(digits) : 0;
  }

  private static String runtimeVersion(Path home) {
    return releaseValue(home, "JAVA_RUNTIME_VERSION");
  }

  private static String releaseValue(Path home, String key) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1).replace("\"", "");
        }
      }
    } catch (IOException unreadable) {
      // no release file: not a JDK this test knows
    }
    return "";
  }

  private static Path realJava(Path home) throws IOException {
    return home.resolve("bin/java").toRealPath();
  }

  private static String stampTime(Path file) throws Exception {
    Process stat = new ProcessBuilder("stat", "-c", "%Y", file.toString()).start();
    String time = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(stat.waitFor()).isZero();
    return time;
  }

  private static void rewriteStampLine(Path stamp, int index, String value) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(stamp));
    lines.set(index, value);
    Files.write(stamp, lines);
  }

  private String[] concrete(List<String> commandLine, Repository repository, String name) {
    return commandLine.stream()
        .map(word -> word.replace("REPO", repository.toString())
            .replace("STORE-PULL", work.resolve(name + "-pulled").toString())
            .replace("STORE", work.resolve(name + "-store").toString()))
        .toArray(String[]::new);
  }

  private String comparable(String output, Repository repository, String name) {
    return TIMING.matcher(output.replace(repository.toString(), "REPO")
        .replace(repository.path(), "PATH")
        .replace(work.resolve(name + "-pulled").toString(), "STORE-PULL")
        .replace(work.resolve(name + "-store").toString(), "STORE")).replaceAll("TIME");
  }

  /** The launcher with PATH, HOME, TMPDIR and these variables only (no JAVA_HOME unless given). */
  private Result launch(Map<String, String> variables, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", Files.createDirectories(work.resolve("home")).toString());
    builder.environment().put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
    // Builds of the same project give the same digests, with or without a cache.
    builder.environment().put("SOURCE_DATE_EPOCH", "1700000000");
    builder.environment().putAll(variables);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("dapp ended: " + command).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static Result script(Map<String, String> variables, String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", layout.resolve("app/cds/" + name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(variables);
    builder.environment().put("TMPDIR", Files.createDirectories(shared.resolve("tmp")).toString());
    Path out = Files.createTempFile(shared, name, ".out");
    Path err = Files.createTempFile(shared, name, ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(name + " ended").isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  record Result(int exit, String out, String err) {
    String firstErrLine() {
      return err.lines().findFirst().orElse("");
    }
  }

  /** Where the JVM says each class came from ({@code -Xlog:class+load}): the cache or a jar. */
  record ClassSources(Map<String, String> sources) {
    static ClassSources read(Path log) throws IOException {
      Map<String, String> sources = new LinkedHashMap<>();
      for (String line : Files.readAllLines(log)) {
        int tag = line.indexOf("] ");
        int source = line.indexOf(" source: ");
        if (tag > 0 && source > tag) {
          sources.putIfAbsent(line.substring(line.lastIndexOf("] ", source) + 2, source),
              line.substring(source + " source: ".length()));
        }
      }
      return new ClassSources(sources);
    }

    boolean loaded(String name) {
      return sources.containsKey(name);
    }

    boolean fromCache(String name) {
      assertThat(sources).as("loaded: " + name).containsKey(name);
      return sources.get(name).equals("shared objects file");
    }

    long cached(String prefix) {
      return sources.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix) && e.getValue().equals("shared objects file")).count();
    }
  }
}
