package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.TestPki;
import io.dapp.domain.model.Repository;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} writes ({@code app/release/make-release.sh}), as a user gets it:
 * unpacked into an empty directory, run with a PATH on which there is no {@code java} and no JAVA_HOME. It runs
 * on its own runtime, with the start-up cache trained for that runtime (the JVM is told to fail rather than run
 * without it), and pushes to registries over plain HTTP and over TLS with an elliptic-curve certificate (whose
 * algorithms live in a module no class names: jdeps cannot find it). Then the dappfile it carries builds dapp's
 * own image with it, on a base made of the machine's busybox, bash and libraries, and buildah runs dapp there.
 *
 * <p>It needs the archive, so Maven runs it after {@code package}, in the surefire execution "launcher" of
 * app/pom.xml, which names the target directory; run in the test phase it is skipped.
 */
class ReleaseArchiveTest {

  static final TestPki PKI = TestPki.create("release test CA");

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  @RegisterExtension
  static final DistributionRegistry TLS_REGISTRY = DistributionRegistry.anonymous().withTls(PKI.server("127.0.0.1"));

  @TempDir
  static Path shared;
  private static Path archive;
  private static Path unpacked;
  private static Path noJava;
  private static Path project;
  private static String version;

  @TempDir
  Path work;

  @BeforeAll
  static void unpackIntoAnEmptyDirectory() throws Exception {
    String target = System.getProperty("dapp.target");
    version = System.getProperty("dapp.version");
    assumeTrue(target != null && version != null,
        "runs after package, in the surefire execution 'launcher', which names the target directory");
    try (Stream<Path> files = Files.list(Path.of(target))) {
      List<Path> archives = files.filter(file -> file.getFileName().toString()
          .matches("dapp-" + version.replace(".", "\\.") + "-linux-[a-z0-9_]+\\.tar\\.gz")).toList();
      assertThat(archives).as("the release archive in " + target).hasSize(1);
      archive = archives.get(0);
    }
    unpacked = Files.createDirectories(shared.resolve("opt/dapp"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
        .redirectErrorStream(true).start();
    String tarOutput = new String(tar.getInputStream().readAllBytes());
    assertThat(tar.waitFor()).as(tarOutput).isZero();
    noJava = pathWithoutJava(Files.createDirectories(shared.resolve("tools")));
    project = TestProject.at(shared.resolve("project")).dappfile("from: scratch\ngit:\n- add: /src\n  to: /srv\n")
        .file("src/index.html", "from the release archive\n").directory();
  }

  @Test
  void theArchive_holdsTheLauncher_theJar_aRuntime_andItsStartUpCache_inAtMost80MiB() throws Exception {
    assertThat(Files.size(archive)).isLessThanOrEqualTo(80L * 1024 * 1024);
    assertThat(unpacked.resolve("bin/dapp")).isExecutable();
    assertThat(unpacked.resolve("lib/dapp.jar")).isRegularFile();
    assertThat(unpacked.resolve("runtime/bin/java")).isExecutable();
    assertThat(Files.exists(unpacked.resolve("lib/dapp.jsa")) || Files.exists(unpacked.resolve("lib/dapp.aot")))
        .as("a start-up cache in lib: " + listing(unpacked.resolve("lib"))).isTrue();
    // The runtime holds the modules dapp uses, not the whole JDK.
    Result modules = run(Map.of(), unpacked.resolve("runtime/bin/java").toString(), "--list-modules");
    assertThat(modules.out()).contains("java.base@").contains("jdk.crypto.ec@").doesNotContain("jdk.compiler@").doesNotContain("jdk.jshell@");
  }

  @Test
  void unpacked_withNoJavaOnPath_printsItsVersion_commit_andTheBundledRuntime() throws Exception {
    assertThat(run(Map.of(), "sh", "-c", "command -v java").exit()).as("java is not on the test's PATH").isNotZero();

    Result result = dapp(Map.of(), "--version");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList()).hasSize(3);
    assertThat(result.out()).startsWith("dapp " + version + "\ncommit ")
        .containsPattern("\nruntime Java [^\n]+ at " + unpacked.toRealPath().resolve("runtime") + "\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void unpacked_startsWithTheCacheTrainedForItsRuntime_whereverItIsUnpacked() throws Exception {
    // The JVM told to stop rather than run without its cache: a cache that did not fit here would fail this.
    Result result = dapp(Map.of("DAPP_JAVA_OPTS", strictCacheOption() + " -XshowSettings:properties"), "--version");

    assertThat(result.exit()).as(result.toString()).isZero();
    Path root = unpacked.toRealPath();
    assertThat(result.err()).contains("dapp.launcher = java " + root.resolve("runtime/bin/java")
        + " (bundled runtime), " + (isAot() ? "AOT cache " + root.resolve("lib/dapp-info.aot")
        : "CDS archive " + root.resolve("lib/dapp.jsa")));
  }

  @Test
  void unpacked_withNoJavaOnPath_pushesToTheRegistry_withItsCache() throws Exception {
    Repository repository = REGISTRY.newRepository();

    Result push = dapp(Map.of("DAPP_JAVA_OPTS", strictCacheOption()), "dimg", "push", repository.toString(),
        "--dir", project.toString(), "--store", work.resolve("store").toString());

    assertThat(push.exit()).as(push.toString()).isZero();
    assertThat(Skopeo.json("inspect", "--tls-verify=false", "docker://" + repository + ":latest")
        .path("Layers")).hasSize(1);
  }

  @Test
  void unpacked_pushesOverTls_withAnEllipticCurveCertificate() throws Exception {
    Path certDir = work.resolve("certs.d");
    TestPki.write(certDir.resolve(TLS_REGISTRY.host().name()).resolve("ca.crt"), PKI.ca().certificatePem());
    Repository repository = TLS_REGISTRY.newRepository();

    Result push = dapp(Map.of(), "dimg", "push", repository.toString(), "--cert-dir", certDir.toString(),
        "--dir", project.toString(), "--store", work.resolve("store").toString());

    assertThat(push.exit()).as(push.toString()).isZero();
    assertThat(push.err()).doesNotContain("TLS failed");
  }

  // --- built on JDK 25: the AOT caches ---------------------------------------------------------------------------

  @Test
  void builtWithJdk25_runsOnThatRuntime_withItsAotCache_whereverItIsUnpacked() throws Exception {
    Path jdk25 = jdk25().orElse(null);
    assumeTrue(jdk25 != null, "no JDK 25 or later is installed (under /usr/lib/jvm, or DAPP_TEST_JDK25)");
    Path built = Files.createDirectories(work.resolve("built"));
    // The archive as a build running on that JDK makes it, from the jar of this build (java on no PATH here either).
    Result release = run(Map.of("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString()), "bash", Path.of("release/make-release.sh").toAbsolutePath().toString(),
        Path.of(System.getProperty("dapp.target"), "dapp.jar").toString(), version, jdk25.toString(),
        built.toString());
    assertThat(release.exit()).as(release.toString()).isZero();
    Path archive25;
    try (Stream<Path> files = Files.list(built)) {
      archive25 = files.filter(file -> file.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
    }
    assertThat(Files.size(archive25)).isLessThanOrEqualTo(80L * 1024 * 1024);
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere/dapp"));
    Result tar = run(Map.of(), "tar", "-xzf", archive25.toString(), "-C", elsewhere.toString());
    assertThat(tar.exit()).as(tar.toString()).isZero();
    Repository repository = REGISTRY.newRepository();

    Result version25 = run(Map.of("HOME", work.toString(), "DAPP_JAVA_OPTS", "-XX:AOTMode=on -XshowSettings:properties"),
        elsewhere.resolve("bin/dapp").toString(), "--version");
    Result push = run(Map.of("HOME", work.toString(), "DAPP_JAVA_OPTS", "-XX:AOTMode=on"),
        elsewhere.resolve("bin/dapp").toString(), "dimg", "push", repository.toString(), "--dir", project.toString(),
        "--store", work.resolve("store25").toString());

    assertThat(version25.exit()).as(version25.toString()).isZero();
    Path root = elsewhere.toRealPath();
    assertThat(version25.out()).containsPattern("\nruntime Java 2[5-9][^\n]* at " + root.resolve("runtime") + "\n");
    assertThat(version25.err()).contains("dapp.launcher = java " + root.resolve("runtime/bin/java")
        + " (bundled runtime), AOT cache " + root.resolve("lib/dapp-info.aot"));
    assertThat(push.exit()).as(push.toString()).isZero();
  }

  /** A JDK 25 or later: DAPP_TEST_JDK25, else the newest under /usr/lib/jvm (as LauncherTest finds it). */
  private static java.util.Optional<Path> jdk25() throws IOException {
    String named = System.getenv("DAPP_TEST_JDK25");
    if (named != null && !named.isBlank()) {
      return java.util.Optional.of(Path.of(named));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/jlink")) && !Files.isSymbolicLink(home))
          .filter(home -> feature(home) >= 25).max(java.util.Comparator.comparingInt(ReleaseArchiveTest::feature));
    }
  }

  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String digits = line.substring("JAVA_VERSION=".length()).replace("\"", "").replaceAll("^(\\d+).*", "$1");
          return digits.matches("\\d+") ? Integer.parseInt(digits) : 0;
        }
      }
    } catch (IOException unreadable) {
      // no release file: not a JDK
    }
    return 0;
  }

  // --- dapp's own image ------------------------------------------------------------------------------------------

  @Test
  void theDappfileInTheArchive_buildsDappsImage_withTheArchivesDapp_andBuildahRunsDappInIt() throws Exception {
    assertThat(unpacked.resolve("dappfile.yaml")).isRegularFile();
    String base = REGISTRY.host() + "/base/glibc-busybox:1";
    Result pushBase = dapp(Map.of(), "dimg", "bp", REGISTRY.host() + "/base/glibc-busybox", "--tag-plain", "1",
        "--dir", baseProject(shared.resolve("base")).toString(), "--store", work.resolve("base-store").toString());
    assertThat(pushBase.exit()).as(pushBase.toString()).isZero();
    String image = REGISTRY.host() + "/tools/dapp";

    // As a pipeline builds it: the base named by a variable, the project the unpacked archive.
    Result bp = dapp(Map.of("DAPP_BASE_IMAGE", base), "dimg", "bp", image, "--tag-plain", version,
        "--dir", unpacked.toString(), "--store", work.resolve("store").toString());

    assertThat(bp.exit()).as(bp.toString()).isZero();
    Buildah buildah = new Buildah(work.resolve("buildah"));
    String container = buildah.from(image + ":" + version);
    // With its start-up cache: the JVM is told to fail without it.
    String versionInImage = buildah.runIn(container, "sh", "-c",
        "DAPP_JAVA_OPTS='" + strictCacheOption() + "' dapp --version");
    assertThat(versionInImage).startsWith("dapp " + version + "\ncommit ")
        .endsWith(" at /opt/dapp/runtime\n");
    // The base has no CA bundle: the image has the runtime's roots as one.
    assertThat(buildah.runIn(container, "grep", "-c", "BEGIN CERTIFICATE", "/etc/ssl/certs/ca-certificates.crt").strip())
        .matches("[1-9][0-9]+");
  }

  /**
   * A base image assembled from the machine's own files: busybox, bash and the shared libraries that bash and the
   * archive's runtime are linked against (as ldd lists them), so that neither comes from the base's own Java.
   */
  private static Path baseProject(Path directory) throws Exception {
    Path rootfs = Files.createDirectories(directory.resolve("rootfs"));
    for (String dir : List.of("bin", "etc", "tmp", "usr/bin", "root")) {
      Files.createDirectories(rootfs.resolve(dir));
    }
    Files.copy(BusyboxImage.BUSYBOX, rootfs.resolve("bin/busybox"));
    Files.copy(Path.of("/bin/bash").toRealPath(), rootfs.resolve("bin/bash"));
    for (String applet : run(Map.of(), BusyboxImage.BUSYBOX.toString(), "--list").out().lines()
        .filter(applet -> !applet.isBlank() && !applet.contains("/")).toList()) {
      if (!Files.exists(rootfs.resolve("bin/" + applet), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
      }
    }
    // The launcher's #!/usr/bin/env bash.
    Files.createSymbolicLink(rootfs.resolve("usr/bin/env"), Path.of("/bin/busybox"));
    List<String> linked = new ArrayList<>(List.of("/bin/bash"));
    try (Stream<Path> files = Files.walk(unpacked.resolve("runtime"))) {
      files.filter(file -> file.toString().endsWith(".so") || file.endsWith("bin/java") || file.endsWith("bin/keytool"))
          .forEach(file -> linked.add(file.toString()));
    }
    List<String> ldd = new ArrayList<>(List.of("ldd"));
    ldd.addAll(linked);
    for (String line : run(Map.of(), ldd.toArray(String[]::new)).out().lines().toList()) {
      // "\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "\t/lib64/ld-linux-x86-64.so.2 (0x...)"
      // (ldd heads each file's list with "FILE:").
      String[] words = line.strip().split("\\s+");
      String library = words.length >= 3 && words[1].equals("=>") ? words[2] : words[0];
      if (library.startsWith("/") && !library.endsWith(":") && !library.startsWith(unpacked.toString())) {
        Path target = rootfs.resolve(library.substring(1));
        if (!Files.exists(target)) {
          Files.createDirectories(target.getParent());
          Files.copy(Path.of(library).toRealPath(), target);
        }
      }
    }
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
    Files.writeString(directory.resolve("dappfile.yaml"), "from: scratch\ngit:\n- add: /rootfs\n  to: /\n"
        + "docker:\n  ENV: {PATH: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}\n");
    return directory;
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  private static boolean isAot() {
    return Files.exists(unpacked.resolve("lib/dapp.aot"));
  }

  /** The JVM option that makes a cache it cannot use an error instead of a slower start. */
  private static String strictCacheOption() {
    return isAot() ? "-XX:AOTMode=on" : "-Xshare:on";
  }

  /**
   * A directory of links to every program on the machine's PATH directories except the JDKs' (those whose real
   * file is in a directory with a JDK's {@code release} file one level up): java is on no PATH made of it.
   */
  private static Path pathWithoutJava(Path tools) throws IOException {
    for (String directory : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin")) {
      Path dir = Path.of(directory);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(dir)) {
        for (Path program : (Iterable<Path>) programs::iterator) {
          Path link = tools.resolve(program.getFileName().toString());
          if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(program)) {
            continue;
          }
          Path real = program.toRealPath();
          Path home = real.getParent().getParent();
          if (home != null && Files.exists(home.resolve("release")) && Files.exists(home.resolve("lib/modules"))) {
            continue; // a JDK's program: java, javac, jlink...
          }
          Files.createSymbolicLink(link, program);
        }
      }
    }
    return tools;
  }

  private static String listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList().toString();
    }
  }

  private Result dapp(Map<String, String> variables, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(unpacked.resolve("bin/dapp").toString());
    command.addAll(List.of(args));
    Map<String, String> environment = new HashMap<>(variables);
    environment.put("HOME", Files.createDirectories(work.resolve("home")).toString());
    environment.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
    return run(environment, command.toArray(String[]::new));
  }

  /** A process with PATH (without java), no JAVA_HOME and only these variables besides. */
  private static Result run(Map<String, String> variables, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", noJava.toString());
    builder.environment().putAll(variables);
    Path out = Files.createTempFile(shared, "out", ".txt");
    Path err = Files.createTempFile(shared, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ended: " + String.join(" ", command)).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  record Result(int exit, String out, String err) {}
}
