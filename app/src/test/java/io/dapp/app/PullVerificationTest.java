package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.adapters.env.store.OciLayoutStore;
import io.dapp.adapters.registry.DistributionRegistry;
import io.dapp.adapters.registry.FaultProxy;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.build.BlobTransfer;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.TransferProgress;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TransferJobs;
import io.dapp.domain.testing.EmptyDockerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob pulled from the real Distribution registry is verified on its way into the local store by one hash
 * of its bytes: the store's writer hashes what it writes, the registry client takes that digest instead of
 * hashing again, and the store keeps the blob only under it. So a layer the registry corrupts is never
 * stored, and the command fails in one line; and a layer's bytes are hashed exactly once, also when its
 * download broke off and went on with a Range request.
 */
class PullVerificationTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous().withAccessLog();

  private static final int LAYER_BYTES = 2 * 1024 * 1024;

  /**
   * Besides the layer's bytes, the manifest and config are hashed a few times each (as they arrive, and again
   * whenever the store reads the image back, since small blobs are verified whole when read): far less than
   * a second pass over the layer would be.
   */
  private static final long SMALL_BLOBS = 64 * 1024;

  @TempDir
  Path root;
  private FaultProxy proxy;

  @AfterEach
  void closeProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** A linux/amd64 image of one incompressible gzip layer, pushed straight to the registry as {@code :1}. */
  private static OneLayerImage.Pushed pushImage(Repository repository, long seed) throws Exception {
    byte[] content = new byte[LAYER_BYTES];
    new Random(seed).nextBytes(content);
    return OneLayerImage.push(EmptyDockerConfig.at("/none"), repository.withTag("1"), "{}", content);
  }

  /** {@code repository} reached through a proxy that runs {@code script}. */
  private Repository viaProxy(Repository repository, FaultProxy.Script script) throws Exception {
    proxy = FaultProxy.to(REGISTRY.host(), script);
    return new Repository(proxy.host(), repository.path());
  }

  private InProcessDapp.Result dapp(String... args) throws Exception {
    return TestDapp.in(root).run(args);
  }

  @Test
  void aLayerTheRegistryCorrupts_isNeverStored_andTheBuildPullingItFailsInOneLine() throws Exception {
    Repository direct = REGISTRY.newRepository();
    OneLayerImage.Pushed image = pushImage(direct, 1);
    String layerPath = "/blobs/" + image.layer().digest();
    // As many bytes as the layer has, none of them its own: only the digest can tell.
    String corrupted = "x".repeat((int) image.layer().size());
    Repository repository = viaProxy(direct, request -> request.method().equals("GET")
        && request.path().endsWith(layerPath)
        ? FaultProxy.reply(200, Map.of("Content-Type", "application/octet-stream"), corrupted)
        : FaultProxy.forward());
    Path project = Files.createDirectories(root.resolve("project"));
    Files.writeString(project.resolve("dappfile.yaml"), "from: " + repository + ":1\n");
    Path store = root.resolve("store");

    InProcessDapp.Result result = dapp("dimg", "build", "--dir", project.toString(), "--store", store.toString());

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.err().strip()).as("one line").doesNotContain("\n").startsWith("dapp: error: ")
        .contains(image.layer().digest().toString(), "digest " + Digests.sha256(corrupted))
        .doesNotContain("Exception");
    assertThat(proxy.log()).as("not retried: the registry answered, wrongly")
        .filteredOn(line -> line.contains(layerPath)).hasSize(1);
    assertThat(store.resolve("blobs/sha256/" + image.layer().digest().hex())).doesNotExist();
    assertThat(store.resolve("blobs/sha256/" + image.manifest().digest().hex())).as("no manifest of the image")
        .doesNotExist();
    Invariants.storeIsConsistent(store);
  }

  @Test
  void aPulledLayer_isHashedOnce_onItsWayIntoTheStore() throws Exception {
    Repository repository = REGISTRY.newRepository();
    OneLayerImage.Pushed image = pushImage(repository, 2);

    long hashed = bytesHashedWhilePulling(repository, root.resolve("store"));

    assertThat(hashed).isBetween(image.layer().size(), image.layer().size() + SMALL_BLOBS);
  }

  @Test
  void aLayerWhoseDownloadBrokeOff_andWentOnWithARange_isHashedOnceToo() throws Exception {
    Repository direct = REGISTRY.newRepository();
    OneLayerImage.Pushed image = pushImage(direct, 3);
    String layerPath = "/blobs/" + image.layer().digest();
    AtomicInteger downloads = new AtomicInteger();
    Repository repository = viaProxy(direct, request -> request.path().endsWith(layerPath)
        && downloads.incrementAndGet() == 1 ? FaultProxy.resetAfterResponseBytes(LAYER_BYTES / 2) : FaultProxy.forward());
    Path store = root.resolve("store");

    long hashed = bytesHashedWhilePulling(repository, store);

    assertThat(proxy.log()).anyMatch(line -> line.contains(layerPath + " -> forward, reset after"));
    assertThat(REGISTRY.log()).as("the rest came as a partial answer")
        .contains("\"GET /v2/" + direct.path() + layerPath + " HTTP/1.1\" 206");
    assertThat(hashed).isBetween(image.layer().size(), image.layer().size() + SMALL_BLOBS);
    Invariants.storeIsConsistent(store);
  }

  /** Bytes given to SHA-256 in this JVM while the image {@code repository:1} is pulled into a new store. */
  private static long bytesHashedWhilePulling(Repository repository, Path store) throws Exception {
    CountingSha256Provider counting = new CountingSha256Provider();
    Security.insertProviderAt(counting, 1);
    try (RegistryClient client = new JerseyRegistryClientFactory()
        .open(EmptyDockerConfig.at("/none"), RegistryOptions.defaults())) {
      BlobTransfer transfer = new BlobTransfer(client, OciLayoutStore.open(store), new JacksonManifestReader(),
          TransferProgress.NONE, new TransferJobs(2));
      long before = counting.bytes.get();
      transfer.pullImage(repository.withTag("1"), Platform.LINUX_AMD64);
      return counting.bytes.get() - before;
    } finally {
      Security.removeProvider(counting.getName());
    }
  }

  /** The JDK's SHA-256, counting the bytes it is given; installed first, every SHA-256 of the JVM is one. */
  private static final class CountingSha256Provider extends Provider {

    final AtomicLong bytes = new AtomicLong();

    CountingSha256Provider() {
      super("DappTestCountingSha256", "1", "SHA-256 that counts its input");
      putService(new Service(this, "MessageDigest", "SHA-256", CountingSha256.class.getName(), List.of(), null) {
        @Override
        public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
          try {
            return new CountingSha256(MessageDigest.getInstance("SHA-256", "SUN"), bytes);
          } catch (NoSuchProviderException e) {
            throw new NoSuchAlgorithmException(e);
          }
        }
      });
    }
  }

  private static final class CountingSha256 extends MessageDigestSpi {

    private final MessageDigest real;
    private final AtomicLong bytes;

    CountingSha256(MessageDigest real, AtomicLong bytes) {
      this.real = real;
      this.bytes = bytes;
    }

    @Override
    protected void engineUpdate(byte input) {
      bytes.incrementAndGet();
      real.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
      bytes.addAndGet(length);
      real.update(input, offset, length);
    }

    @Override
    protected byte[] engineDigest() {
      return real.digest();
    }

    @Override
    protected void engineReset() {
      real.reset();
    }

    @Override
    protected int engineGetDigestLength() {
      return real.getDigestLength();
    }
  }
}
