package com.example.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.app.embed.Cleanup;
import io.dapp.app.embed.EmbeddedDapp;
import io.dapp.app.embed.Project;
import io.dapp.domain.build.BuildResult;
import io.dapp.domain.build.BuiltImage;
import io.dapp.domain.cleanup.CleanupKind;
import io.dapp.domain.cleanup.CleanupReport;
import io.dapp.domain.cleanup.Decision;
import io.dapp.domain.cleanup.DeleteOutcome;
import io.dapp.domain.cleanup.PlanEntry;
import io.dapp.domain.deploy.KubeValuesResult;
import io.dapp.domain.login.LoginRule;
import io.dapp.domain.model.Credentials;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import io.dapp.domain.port.Console;
import io.dapp.domain.push.PushResult;
import io.dapp.domain.push.PulledStage;
import io.dapp.domain.push.PushedTag;
import io.dapp.domain.push.StagesPullResult;
import io.dapp.domain.registry.InMemoryRegistryClientFactory;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.usecase.DappCommand;
import io.dapp.domain.usecase.LoginExplanation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dapp embedded as another program would: only the public API (checked by {@code OutsideUsesOnlyTheApiTest}),
 * its own console, its own credential source and no docker config on disk, against the real Distribution
 * registry, with skopeo reading what was pushed.
 */
class EmbeddedDappTest {

  private static final String USER = "pipeline";
  private static final String PASSWORD = "embedded-s3cret";
  private static final String DAPPFILE = """
      dimg: app
      from: scratch
      git:
      - add: /src
        to: /app
      docker:
        ENV: {LANG: C.UTF-8}
      """;

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.htpasswd(Map.of(USER, PASSWORD));

  @TempDir
  Path directory;

  private Path home;
  private Path tmp;
  private Project project;
  private final CapturingConsole console = new CapturingConsole();
  private final List<RegistryHost> asked = Collections.synchronizedList(new ArrayList<>());

  /** The program's console: it keeps every line it is told. */
  static final class CapturingConsole implements Console {

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String line) {
      lines.add(line);
    }

    @Override
    public void warn(String line) {
      lines.add("warning: " + line);
    }

    @Override
    public void debug(String line) {
      lines.add("debug: " + line);
    }
  }

  @BeforeEach
  void aProjectAndAHome() throws Exception {
    home = Files.createDirectories(directory.resolve("home"));
    tmp = Files.createDirectories(directory.resolve("tmp"));
    Path checkout = Files.createDirectories(directory.resolve("checkout"));
    Files.writeString(checkout.resolve("dappfile.yaml"), DAPPFILE);
    Files.writeString(Files.createDirectories(checkout.resolve("src")).resolve("hello.txt"), "hello\n");
    project = Project.in(checkout);
  }

  private EmbeddedDapp.Builder dapp() {
    return EmbeddedDapp.builder()
        .environment(Map.of("HOME", home.toString(), "TMPDIR", tmp.toString(),
            "DAPP_CACHE_DIR", directory.resolve("cache").toString()))
        .credentials(registry -> {
          asked.add(registry);
          return registry.equals(REGISTRY.host()) ? Optional.of(new Credentials(USER, Secret.of(PASSWORD)))
              : Optional.empty();
        })
        .console(console)
        .localStore(directory.resolve("store"));
  }

  @Test
  void buildsAndPushesToTheRegistry_returningTheDigestsSkopeoReads_withoutPrintingOrWritingADockerConfig()
      throws Exception {
    EmbeddedDapp dapp = dapp().build();
    Repository repository = REGISTRY.newRepository();

    StandardStreams streams = StandardStreams.capture();
    BuildResult built;
    PushResult pushed;
    PushResult again;
    try {
      built = dapp.build(project);
      pushed = dapp.push(project, repository, TagOptions.custom("v1", "stable"));
      again = dapp.push(project, repository, TagOptions.custom("v1"));
    } finally {
      streams.restore();
    }

    assertThat(built.artifacts()).isEmpty();
    BuiltImage app = built.dimgs().get(0);
    assertThat(built.dimgs()).hasSize(1);
    assertThat(app.localName()).isPresent();
    assertThat(app.stages()).extracting(stage -> stage.description())
        .contains("from scratch").anyMatch(description -> description.startsWith("git archive"));
    assertThat(app.builtStages()).isEqualTo(app.stages().size());

    ImageReference v1 = new Repository(repository.host(), repository.path() + "/app").withTag("v1");
    assertThat(pushed.tags()).extracting(PushedTag::target)
        .containsExactly(v1, new Repository(repository.host(), repository.path() + "/app").withTag("stable"));
    PushedTag first = pushed.tags().get(0);
    assertThat(first.outcome()).isEqualTo(PushedTag.Outcome.PUSHED);
    assertThat(first.uploaded()).as("its layers and config").isEqualTo(skopeoLayers(v1) + 1);
    assertThat(first.bytesUploaded()).isPositive();
    PushedTag stable = pushed.tags().get(1);
    assertThat(stable.uploaded()).as("the second tag found every blob there").isZero();
    assertThat(stable.present()).isEqualTo(first.uploaded());
    assertThat(first.digest()).isEqualTo(pushed.tags().get(1).digest());
    assertThat(skopeoDigest(v1)).isEqualTo(first.digest().toString());

    assertThat(again.tags()).singleElement().satisfies(tag -> {
      assertThat(tag.outcome()).isEqualTo(PushedTag.Outcome.UP_TO_DATE);
      assertThat(tag.digest()).isEqualTo(first.digest());
      assertThat(tag.uploaded() + tag.mounted()).isZero();
    });

    assertThat(console.lines).as("progress: a line per blob sent")
        .anyMatch(line -> line.startsWith(v1 + ": layer sha256:") && line.contains(" pushed ("));
    assertThat(streams.printed()).as("printed to System.out/err").isEmpty();
    assertThat(asked).contains(REGISTRY.host());
    assertThat(home.resolve(".docker")).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("temporary docker configs").isEmpty();
    }
    assertThat(String.join("\n", console.lines)).doesNotContain(PASSWORD);
  }

  @Test
  void aLoginPlan_namesTheRuleThatDecided_withoutTalkingToTheRegistry() throws Exception {
    LoginExplanation plan = dapp().build().loginPlan(DappCommand.DIMG_PUSH, project,
        Optional.of(Repository.parse("registry.invalid/shop")));

    assertThat(plan.plans()).singleElement().satisfies(push ->
        assertThat(push.decidingRule()).isEqualTo(LoginRule.DEFAULT_DOCKER_CONFIG));
    assertThat(asked).isEmpty();
  }

  @Test
  void kubeValuesOfAPushedTag_thenACleanupPlan_withEachTagsDecisionAndReason_andTheCleanupsOutcomes() throws Exception {
    EmbeddedDapp dapp = dapp().build();
    Repository repository = REGISTRY.newRepository();
    dapp.build(project);
    dapp.push(project, repository, TagOptions.custom("v1"));
    dapp.stagesPush(project, repository);
    KubeValuesResult values = dapp.kubeValues(project, repository, TagOptions.custom("v1"));
    assertThat(values.values().images()).singleElement().satisfies(image -> {
      assertThat(image.dimg()).contains("app");
      assertThat(image.image().toString()).isEqualTo(repository + "/app:v1");
    });
    assertThat(values.text()).contains("docker_tag: \"v1\"",
        "docker_image_id: \"" + values.values().images().get(0).imageId() + "\"");
    Cleanup flush = new Cleanup(CleanupKind.DIMG_FLUSH, false, false);

    CleanupReport plan = dapp.cleanupPlan(project, repository, flush);

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.outcomes()).isEmpty();
    PlanEntry v1 = plan.plan().entry(repository + "/app:v1").orElseThrow();
    assertThat(v1.decision()).isEqualTo(Decision.DELETE);
    assertThat(v1.reason()).isNotBlank();
    assertThat(plan.plan().entries()).filteredOn(entry -> entry.image().tag().startsWith("dimgstage-"))
        .isNotEmpty().allSatisfy(stage -> assertThat(stage.decision()).isEqualTo(Decision.KEEP));

    CleanupReport done = dapp.cleanup(project, repository, flush);

    assertThat(done.outcome(done.plan().entry(repository + "/app:v1").orElseThrow()))
        .contains(DeleteOutcome.DELETED);
    assertThat(skopeoTags(new Repository(repository.host(), repository.path() + "/app"))).doesNotContain("v1");
  }

  @Test
  void stagesOneRunnerPushed_areWhatAnotherPulls_andItsBuildThenReusesEveryStage() throws Exception {
    Repository repository = REGISTRY.newRepository();
    EmbeddedDapp first = dapp().build();
    BuiltImage built = first.build(project).dimgs().get(0);

    PushResult stages = first.stagesPush(project, repository);

    assertThat(stages.tags()).hasSize(built.stages().size())
        .allSatisfy(tag -> assertThat(tag.outcome()).isEqualTo(PushedTag.Outcome.PUSHED));
    assertThat(stages.tags()).extracting(tag -> tag.target().toString())
        .containsExactlyElementsOf(built.stages().stream()
            .map(stage -> repository + ":" + stage.signature().stageTag()).toList());

    EmbeddedDapp second = dapp().localStore(directory.resolve("second-runner-store")).build();
    StagesPullResult pulled = second.stagesPull(project, repository, false);
    BuiltImage rebuilt = second.build(project).dimgs().get(0);

    // only the newest stage is pulled: the ones below it are made from its history, in the second store
    assertThat(pulled.pulled()).extracting(PulledStage::signature)
        .containsExactly(built.stages().get(built.stages().size() - 1).signature());
    assertThat(rebuilt.builtStages()).isZero();
    assertThat(rebuilt.reusedStages()).isEqualTo(built.stages().size());
    assertThat(rebuilt.digest()).isEqualTo(built.digest());
  }

  @Test
  void theSamePush_onTheDomainsInMemoryRegistry_needsNoNetwork() throws Exception {
    InMemoryRegistryClientFactory registry = new InMemoryRegistryClientFactory();
    EmbeddedDapp dapp = dapp().registryClients(registry).build();
    Repository nowhere = Repository.parse("registry.invalid/shop");
    dapp.build(project);

    PushResult pushed = dapp.push(project, nowhere, TagOptions.custom("v1"));

    PushedTag tag = pushed.tags().get(0);
    assertThat(tag.target()).isEqualTo(Repository.parse("registry.invalid/shop/app").withTag("v1"));
    assertThat(tag.outcome()).isEqualTo(PushedTag.Outcome.PUSHED);
    assertThat(registry.registry().listTags(Repository.parse("registry.invalid/shop/app"))).containsExactly("v1");
    assertThat(registry.registry().uploads()).hasSize(tag.uploaded());
  }

  @Test
  void twoEmbeddings_onTwoThreads_workAtOnce_eachWithItsOwnConsole() throws Exception {
    CapturingConsole second = new CapturingConsole();
    EmbeddedDapp one = dapp().build();
    EmbeddedDapp two = dapp().console(second).build();
    Repository first = REGISTRY.newRepository();
    Repository other = REGISTRY.newRepository();

    var pushOne = java.util.concurrent.CompletableFuture.supplyAsync(() -> pushed(one, first));
    var pushTwo = java.util.concurrent.CompletableFuture.supplyAsync(() -> pushed(two, other));

    PushedTag a = pushOne.get(2, TimeUnit.MINUTES).tags().get(0);
    PushedTag b = pushTwo.get(2, TimeUnit.MINUTES).tags().get(0);
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(skopeoDigest(a.target())).isEqualTo(a.digest().toString());
    assertThat(skopeoDigest(b.target())).isEqualTo(b.digest().toString());
    assertThat(console.lines).anyMatch(line -> line.contains(first.toString()))
        .noneMatch(line -> line.contains(other.toString()));
    assertThat(second.lines).anyMatch(line -> line.contains(other.toString()))
        .noneMatch(line -> line.contains(first.toString()));
  }

  private PushResult pushed(EmbeddedDapp dapp, Repository repository) {
    try {
      dapp.build(project);
      return dapp.push(project, repository, TagOptions.custom("v1"));
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String skopeoDigest(ImageReference image) throws Exception {
    Matcher digest = Pattern.compile("\"Digest\":\\s*\"(sha256:[0-9a-f]{64})\"").matcher(skopeo("inspect", image));
    assertThat(digest.find()).isTrue();
    return digest.group(1);
  }

  private static int skopeoLayers(ImageReference image) throws Exception {
    String inspected = skopeo("inspect", image);
    String layers = inspected.substring(inspected.indexOf("\"Layers\""));
    layers = layers.substring(0, layers.indexOf(']'));
    return (int) Pattern.compile("sha256:").matcher(layers).results().count();
  }

  private static String skopeoTags(Repository repository) throws Exception {
    return skopeo("list-tags", repository.withTag("x")).replace("\"Tags\"", "");
  }

  /** skopeo, with the credentials on its command line: the test has no docker config either. */
  private static String skopeo(String command, ImageReference image) throws Exception {
    String target = command.equals("list-tags") ? "docker://" + image.repository() : "docker://" + image;
    Process process = new ProcessBuilder("skopeo", command, "--tls-verify=false", "--creds", USER + ":" + PASSWORD,
        target).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  /** System.out and System.err swapped for buffers while embedded calls run. */
  private record StandardStreams(PrintStream out, PrintStream err, ByteArrayOutputStream buffer) {

    static StandardStreams capture() {
      StandardStreams streams = new StandardStreams(System.out, System.err, new ByteArrayOutputStream());
      PrintStream capturing = new PrintStream(streams.buffer, true, StandardCharsets.UTF_8);
      System.setOut(capturing);
      System.setErr(capturing);
      return streams;
    }

    String printed() {
      return buffer.toString(StandardCharsets.UTF_8);
    }

    void restore() {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
