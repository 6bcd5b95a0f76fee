package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.FaultProxy;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Repository;
import io.dapp.domain.testing.EmptyDockerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between dapp and the real Distribution registry, injected by a {@link FaultProxy}, through the
 * assembled CLI with a short read timeout and retry budget ({@link ImpatientDappComponent}). Each test says
 * what dapp must do — retry and succeed, or stop with one line and exit 1 — and checks that the registry
 * holds the complete image or no tag at all, and that a local store holds no partial blob.
 */
class RegistryFaultsTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  /** Incompressible, so that the layer is as large as the file: resets can happen in the middle of it. */
  private static final int LAYER_BYTES = 1024 * 1024;

  @TempDir
  static Path shared;
  private static TestProject project;
  private static Path store;

  @TempDir
  Path root;
  private FaultProxy proxy;

  @BeforeAll
  static void buildAnImageWithALargeLayer() throws Exception {
    project = TestProject.at(shared.resolve("project")).dappfile("from: scratch\ngit:\n- add: /src\n  to: /app\n")
        .file("src/data.bin", randomBytes(LAYER_BYTES, 1));
    store = shared.resolve("store");
    InProcessDapp.Result build = ImpatientDappComponent.run(Map.of("HOME", shared.toString()), "",
        "dimg", "build", "--dir", project.toString(), "--store", store.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
  }

  @AfterEach
  void closeProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  private InProcessDapp.Result dapp(String... args) throws Exception {
    return TestDapp.in(root).impatient().run(args);
  }

  /** A new repository reached through the proxy, and the same one reached directly. */
  private record Target(Repository viaProxy, Repository direct) {}

  private Target target(FaultProxy.Script script) throws Exception {
    proxy = FaultProxy.to(REGISTRY.host(), script);
    Repository direct = REGISTRY.newRepository();
    return new Target(new Repository(proxy.host(), direct.path()), direct);
  }

  /**
   * One blob at a time: each fault below is aimed at "the first upload" or counts uploads per attempt, which
   * only means one thing when the layer and the config do not go up side by side.
   */
  private InProcessDapp.Result push(Target target, String tag) throws Exception {
    return dapp("dimg", "push", "--jobs", "1", "--dir", project.toString(), "--store", store.toString(),
        "--tag-plain", tag, target.viaProxy().toString());
  }

  private static List<String> completeTags(Target target) throws Exception {
    return Invariants.everyTagIsComplete(target.direct(), EmptyDockerConfig.at("/none"));
  }

  private static void assertOneLineFailure(InProcessDapp.Result result, String... phrases) {
    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.err().strip()).as("one line").doesNotContain("\n").startsWith("dapp: error: ")
        .contains(phrases).doesNotContain("Exception");
  }

  /** The first request of each kind the predicate picks gets {@code fault}; everything else goes through. */
  private static FaultProxy.Script first(int times, java.util.function.Predicate<FaultProxy.Request> which,
      FaultProxy.Action fault) {
    AtomicInteger seen = new AtomicInteger();
    return request -> which.test(request) && seen.incrementAndGet() <= times ? fault : FaultProxy.forward();
  }

  @Test
  void connectionResetInTheMiddleOfALayerUpload_isRetried_andTheImageArrivesWhole() throws Exception {
    Target target = target(first(1, FaultProxy.Request::isBlobUpload, FaultProxy.resetAfterRequestBytes(300_000)));

    InProcessDapp.Result result = push(target, "reset");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(proxy.log()).anyMatch(line -> line.contains("reset after 300000 request bytes"));
    assertThat(completeTags(target)).containsExactly("reset");
  }

  @Test
  void aBurstOf503s_isRetriedWithBackoff_andThePushSucceeds() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    // Everything after the ping fails three times in a row: blob checks, upload starts.
    Target target = target(request -> request.path().equals("/v2/") || requests.incrementAndGet() > 3
        ? FaultProxy.forward()
        : FaultProxy.reply(503, Map.of(), "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}"));

    InProcessDapp.Result result = push(target, "burst");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(proxy.log()).filteredOn(line -> line.endsWith("reply 503")).hasSize(3);
    assertThat(completeTags(target)).containsExactly("burst");
  }

  @Test
  void tooManyRequestsWithRetryAfter_onTheManifest_isWaitedOut_andTheTagIsSet() throws Exception {
    Target target = target(first(1, FaultProxy.Request::isManifestPut,
        FaultProxy.reply(429, Map.of("Retry-After", "1"), "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}")));

    InProcessDapp.Result result = push(target, "throttled");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(proxy.log()).filteredOn(line -> line.contains(" PUT ") && line.contains("/manifests/"))
        .hasSize(2).first().asString().endsWith("reply 429");
    assertThat(completeTags(target)).containsExactly("throttled");
  }

  @Test
  void oneAnswerSlowerThanTheReadTimeout_isRetried_andThePushSucceeds() throws Exception {
    Target target = target(first(1, FaultProxy.Request::isBlobUpload,
        FaultProxy.delayResponse(ImpatientDappComponent.READ_TIMEOUT.plusMillis(700))));

    InProcessDapp.Result result = push(target, "slow-once");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(completeTags(target)).containsExactly("slow-once");
  }

  @Test
  void uploadsThatAlwaysTimeOut_failInOneLine_andNoTagIsCreated() throws Exception {
    // A blob's bytes go in the PUT that completes its session, so each delayed one does arrive upstream: the
    // proxy hides that (a HEAD finds no blob), as a registry whose PUT hangs before storing anything would.
    Target target = target(request -> request.isBlobUpload()
        ? FaultProxy.delayResponse(ImpatientDappComponent.READ_TIMEOUT.plusMillis(500))
        : request.method().equals("HEAD") && request.path().contains("/blobs/") ? FaultProxy.reply(404, Map.of(), "")
        : FaultProxy.forward());

    InProcessDapp.Result result = push(target, "never");

    assertOneLineFailure(result, "push blob", "timed out");
    assertThat(proxy.log()).as("uploads started, one per attempt").filteredOn(line -> line.contains(" POST "))
        .hasSize(ImpatientDappComponent.RETRIES.maxAttempts());
    assertThat(completeTags(target)).isEmpty();
    assertThat(proxy.log()).noneMatch(line -> line.contains("/manifests/never") && line.contains(" PUT "));
  }

  @Test
  void theRegistryRestartedDuringAnUpload_isRetriedThroughTheOutage_andTheImageArrivesWhole() throws Exception {
    // The layer goes up slowly; a quarter of a second into it the registry stops (its connections break or are
    // refused, which the proxy answers with 502 as a load balancer does) and comes back 0.3 s later.
    Thread restart = new Thread(() -> {
      try {
        Thread.sleep(250);
        REGISTRY.stop();
        Thread.sleep(300);
        REGISTRY.start();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    AtomicInteger uploads = new AtomicInteger();
    Target target = target(request -> request.isBlobUpload() && uploads.incrementAndGet() == 1
        ? new FaultProxy.Action.Forward(2 * LAYER_BYTES, -1, Duration.ZERO, -1, -1, restart::start)
        : FaultProxy.forward());

    InProcessDapp.Result result = push(target, "restarted");
    restart.join();

    assertThat(result.exitCode()).as(result.all()).isZero();
    // Two uploads start for the image's two blobs; the broken one started again.
    assertThat(proxy.log()).as(String.join("\n", proxy.log())).filteredOn(line -> line.contains(" POST "))
        .hasSizeGreaterThan(2);
    assertThat(completeTags(target)).containsExactly("restarted");
  }

  @Test
  void aLayerDownloadResetHalfway_isDownloadedAgain_andTheStoreHoldsOnlyWholeBlobs() throws Exception {
    Target target = target(first(1, FaultProxy.Request::isBlobDownload, FaultProxy.resetAfterResponseBytes(200_000)));
    Path pulled = root.resolve("pulled-store");

    InProcessDapp.Result result = buildFrom(pushBase(target), pulled);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(proxy.log()).anyMatch(line -> line.contains("reset after 200000 response bytes"));
    Invariants.storeIsConsistent(pulled);
  }

  @Test
  void layerDownloadsThatAlwaysBreakOff_failInOneLine_andTheStoreHoldsNoPartOfTheLayer() throws Exception {
    Target target = target(request -> request.isBlobDownload() && request.path().endsWith(largeLayerHex)
        ? FaultProxy.resetAfterResponseBytes(200_000) : FaultProxy.forward());
    Path pulled = root.resolve("pulled-store");

    InProcessDapp.Result result = buildFrom(pushBase(target), pulled);

    assertOneLineFailure(result, "attempts");
    Invariants.storeIsConsistent(pulled);
    assertThat(pulled.resolve("blobs/sha256/" + largeLayerHex)).doesNotExist();
  }

  private String largeLayerHex;

  /** A linux/amd64 base image with a 1 MiB layer, pushed straight to the registry; its name via the proxy. */
  private ImageReference pushBase(Target target) throws Exception {
    OneLayerImage.Pushed base = OneLayerImage.push(EmptyDockerConfig.at("/none"), target.direct().withTag("1"), "{}",
        randomBytes(LAYER_BYTES, 2));
    largeLayerHex = base.layer().digest().hex();
    return target.viaProxy().withTag("1");
  }

  private InProcessDapp.Result buildFrom(ImageReference base, Path buildStore) throws Exception {
    TestProject fromBase = TestProject.at(root.resolve("from-base"))
        .dappfile("from: " + base + "\ngit:\n- add: /src\n  to: /app\n").file("src/app.rb", "puts 1");
    return dapp("dimg", "build", "--dir", fromBase.toString(), "--store", buildStore.toString());
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
