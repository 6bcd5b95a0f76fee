package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.registry.TestImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protocol corners Distribution does not produce, played by canned servers. */
class ProtocolCornersTest {

  private static final RegistryOptions OPTIONS = RegistryOptions.defaults()
      .withRetryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30)));

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final JerseyRegistryClientFactory factory =
      new JerseyRegistryClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(10), sleeper.tools());

  @TempDir
  Path temp;

  private static Repository repository(CannedServer server) {
    return new Repository(new RegistryHost("127.0.0.1:" + server.port()), "group/app");
  }

  private static CannedServer.Reply json(String body) {
    return CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), body);
  }

  @Test
  void listTags_followsLinkPagination_askingForPagesOf1000() throws Exception {
    try (CannedServer server = new CannedServer(request -> {
      if (request.uri().equals("/v2/")) {
        return CannedServer.Reply.of(200);
      }
      if (request.uri().equals("/v2/group/app/tags/list?n=1000")) {
        return CannedServer.Reply.of(200, Map.of("Content-Type", "application/json",
            "Link", "</v2/group/app/tags/list?n=1000&last=b>; rel=\"next\""), "{\"name\":\"group/app\",\"tags\":[\"a\",\"b\"]}");
      }
      return json("{\"name\":\"group/app\",\"tags\":[\"c\"]}");
    }); RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThat(client.listTags(repository(server))).containsExactly("a", "b", "c");
      assertThat(server.received()).extracting(CannedServer.Received::uri)
          .containsSubsequence("/v2/group/app/tags/list?n=1000", "/v2/group/app/tags/list?n=1000&last=b");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"\"\"", "\"../../x\"", "{\"a\":1}", "\"a\\nb\""})
  void aTagListNamingSomethingThatIsNoTag_failsInOneLine(String tag) throws Exception {
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/") ? CannedServer.Reply.of(200)
        : json("{\"name\":\"group/app\",\"tags\":[\"1\"," + tag + "]}"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(server)))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageStartingWith("list tags of " + repository(server) + ": the registry listed a tag that is not one: ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aNextPageLinkThatIsNoUrl_failsInOneLine() throws Exception {
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/") ? CannedServer.Reply.of(200)
        : CannedServer.Reply.of(200, Map.of("Content-Type", "application/json", "Link", "<:: not a url>; rel=\"next\""),
            "{\"tags\":[\"1\"]}"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(server)))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageContaining("the registry sent a next-page link that is not a URL: ':: not a url'");
    }
  }

  @Test
  void blobDownloadRedirectedToAnotherHost_sendsNoAuthorizationThere_andIsVerified() throws Exception {
    byte[] content = "layer bytes kept in object storage".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digests.sha256(content);
    try (CannedServer storage = new CannedServer(request -> new CannedServer.Reply(200, Map.of(), content));
        CannedServer registry = new CannedServer(request -> {
          if (request.authorization() == null) {
            return CannedServer.Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"canned\""), "");
          }
          return CannedServer.Reply.of(307, Map.of("Location", "http://localhost:" + storage.port() + "/blob?sig=1"), "");
        });
        RegistryClient client = factory.open(
            StaticDockerConfig.basic(new RegistryHost("127.0.0.1:" + registry.port()), "bob", "bobs-password"), OPTIONS)) {
      Path target = temp.resolve("blob");

      assertThat(client.pullBlob(repository(registry), digest, target)).isEqualTo(content.length);

      assertThat(Files.readAllBytes(target)).isEqualTo(content);
      assertThat(registry.received()).filteredOn(r -> r.uri().contains("/blobs/"))
          .allSatisfy(r -> assertThat(r.authorization()).startsWith("Basic "));
      assertThat(storage.received()).hasSize(1)
          .allSatisfy(r -> assertThat(r.authorization()).isNull());
    }
  }

  @Test
  void tooManyRequests_waitsAsRetryAfterSays_thenSucceeds() throws Exception {
    TestImage image = TestImage.create(7);
    AtomicInteger manifestRequests = new AtomicInteger();
    try (CannedServer server = new CannedServer(request -> {
      if (request.uri().equals("/v2/")) {
        return CannedServer.Reply.of(200);
      }
      if (manifestRequests.incrementAndGet() == 1) {
        return CannedServer.Reply.of(429, Map.of("Retry-After", "3"),
            "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
      }
      return new CannedServer.Reply(200, Map.of("Content-Type", MediaType.OCI_MANIFEST.value()),
          image.manifest().content());
    }); RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      Manifest manifest = client.pullManifest(repository(server).withTag("1"));

      assertThat(manifest).isEqualTo(image.manifest());
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
    }
  }

  @Test
  void serviceUnavailable_isRetriedWithBackoff_thenSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (CannedServer server = new CannedServer(request -> {
      if (request.uri().equals("/v2/")) {
        return CannedServer.Reply.of(200);
      }
      return attempts.incrementAndGet() <= 2 ? CannedServer.Reply.of(503) : CannedServer.Reply.of(200);
    }); RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThat(client.blobExists(repository(server), TestImage.create(1).layer().digest())).isTrue();
      assertThat(sleeper.waits()).hasSize(2)
          .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(50), Duration.ofMillis(200)));
    }
  }

  @Test
  void serviceUnavailableForever_givesUpAfterTheBudget_withTheRegistryWordsInOneLine() throws Exception {
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/")
        ? CannedServer.Reply.of(200)
        : CannedServer.Reply.of(503, Map.of(), "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"back\\nsoon\"}]}"));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(server)))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessage("list tags of " + repository(server) + ": the registry answered 503: UNAVAILABLE: back soon");
      assertThat(sleeper.waits()).hasSize(OPTIONS.retryPolicy().maxAttempts() - 1);
    }
  }

  @Test
  void tokenExpiringDuringAnUpload_isRenewed_andTheBlobIsSentAgainWhole() throws Exception {
    BlobSource blob = BlobSource.ofBytes(new byte[300_000]);
    AtomicInteger tokensIssued = new AtomicInteger();
    AtomicInteger uploads = new AtomicInteger();
    CannedServer[] registryHolder = new CannedServer[1];
    try (CannedServer tokens = new CannedServer(request -> json(
            "{\"token\":\"token-" + tokensIssued.incrementAndGet() + "\",\"expires_in\":300}"));
        CannedServer registry = new CannedServer(request -> {
          String challenge = "Bearer realm=\"http://127.0.0.1:" + (tokens_port(registryHolder)) + "/token\",service=\"canned\"";
          if (request.authorization() == null) {
            return CannedServer.Reply.of(401, Map.of("WWW-Authenticate", challenge), "");
          }
          if (request.method().equals("HEAD")) {
            return CannedServer.Reply.of(404);
          }
          if (request.method().equals("POST")) {
            return CannedServer.Reply.of(202, Map.of("Location", "/v2/group/app/blobs/uploads/u1?_state=abc"), "");
          }
          // The token the upload started with expires while the blob's bytes (the PUT's body) are under way.
          if (request.method().equals("PUT") && uploads.incrementAndGet() == 1) {
            return CannedServer.Reply.of(401, Map.of("WWW-Authenticate", challenge + ",error=\"invalid_token\""), "");
          }
          return CannedServer.Reply.of(201);
        })) {
      registryHolder[0] = tokens;
      try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
        assertThat(client.pushBlob(repository(registry), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);
      }
      List<CannedServer.Received> sent = registry.received().stream().filter(r -> r.method().equals("PUT")).toList();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(1).authorization()).isNotEqualTo(sent.get(0).authorization()).startsWith("Bearer token-");
      assertThat(sent).allSatisfy(put -> {
        assertThat(put.uri()).startsWith("/v2/group/app/blobs/uploads/u1?_state=abc&digest=sha256%3A");
        assertThat(put.bodyLength()).isEqualTo(blob.size());
      });
    }
  }

  private static int tokens_port(CannedServer[] holder) {
    return holder[0].port();
  }

  @Test
  void connectionResetByTheRegistry_isRetried() throws Exception {
    TestImage image = TestImage.create(9);
    byte[] manifest = image.manifest().content();
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serveResettingFirstManifestRequest(socket, manifest));
      server.setDaemon(true);
      server.start();
      try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
        Repository repository = new Repository(new RegistryHost("127.0.0.1:" + socket.getLocalPort()), "group/app");
        ImageReference byDigest = new ImageReference(repository, Optional.empty(), Optional.of(image.digest()));

        assertThat(client.pullManifest(byDigest)).isEqualTo(image.manifest());
        assertThat(sleeper.waits()).hasSize(2);
      }
    }
  }

  /**
   * A minimal HTTP/1.1 server: TLS attempts and the first two manifest requests are reset (RST), the rest
   * answered. HttpClient's own retries are off, so each reset costs one wait of dapp's retry budget.
   */
  private static void serveResettingFirstManifestRequest(ServerSocket socket, byte[] manifest) {
    int resets = 0;
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
          head.append((char) c);
          if ((head.length() == 1 && c == 0x16) || head.toString().endsWith("\r\n\r\n")) {
            break; // the end of the request head, or a TLS ClientHello (not HTTP)
          }
        }
        String requestLine = head.toString().split("\r\n")[0];
        if (requestLine.length() <= 1 || (requestLine.contains("/manifests/") && resets < 2)) {
          resets += requestLine.contains("/manifests/") ? 1 : 0;
          connection.setSoLinger(true, 0); // close with RST
          continue;
        }
        byte[] body = requestLine.contains("/manifests/") ? manifest : new byte[0];
        String headers = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + body.length
            + "\r\nContent-Type: " + MediaType.OCI_MANIFEST + "\r\n\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(headers.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (java.io.IOException e) {
        return;
      }
    }
  }

  @Test
  void manifestPulledByDigest_withOtherBytes_isRejected() throws Exception {
    TestImage asked = TestImage.create(11);
    TestImage sent = TestImage.create(12);
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/")
        ? CannedServer.Reply.of(200)
        : new CannedServer.Reply(200, Map.of("Content-Type", MediaType.OCI_MANIFEST.value()), sent.manifest().content()));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
      ImageReference reference = new ImageReference(repository(server), Optional.empty(), Optional.of(asked.digest()));

      assertThatThrownBy(() -> client.pullManifest(reference))
          .isInstanceOf(io.dapp.domain.registry.DigestMismatchException.class)
          .hasMessageContaining(sent.digest().toString());
    }
  }

  @Test
  void manifestRequests_alwaysSendTheFullAcceptList() throws Exception {
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/")
        ? CannedServer.Reply.of(200) : CannedServer.Reply.of(404));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
      assertThat(client.checkManifest(repository(server).withTag("x"))).isEmpty();
      assertThatThrownBy(() -> client.pullManifest(repository(server).withTag("x")))
          .isInstanceOf(io.dapp.domain.registry.ManifestUnknownException.class);

      assertThat(server.received()).filteredOn(r -> r.uri().contains("/manifests/")).hasSize(2)
          .allSatisfy(r -> assertThat(r.accept()).contains(MediaType.OCI_INDEX.value(),
              MediaType.DOCKER_MANIFEST_LIST.value(), MediaType.OCI_MANIFEST.value(), MediaType.DOCKER_MANIFEST.value()));
    }
  }
}
