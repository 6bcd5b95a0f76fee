package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.InsecureRegistryException;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain HTTP to a host that is not loopback, over real sockets and without DNS: the servers listen on
 * this machine's non-loopback address (eth0's, say), which is addressed by its IP literal, so the adapter
 * sees an ordinary remote host while nothing leaves the machine. {@link PlainHttpPolicyTest} has the
 * whole table; this shows that what the policy says is what reaches the wire.
 */
class PlainHttpRefusalTest {

  private static final RegistryOptions OPTIONS = RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE);
  private static final String PASSWORD = "never-in-clear-text";

  private final JerseyRegistryClientFactory factory =
      new JerseyRegistryClientFactory(Duration.ofSeconds(2), Duration.ofSeconds(1), new RecordingSleeper().tools());
  private InetAddress remote;

  @TempDir
  Path temp;

  @BeforeEach
  void findANonLoopbackAddress() throws Exception {
    Optional<InetAddress> address = RawRecorder.nonLoopbackAddress();
    assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
    remote = address.get();
    assertThat(new RegistryHost(remote.getHostAddress()).isLoopback()).isFalse();
  }

  private RegistryHost remoteHost(int port) {
    return new RegistryHost(remote.getHostAddress() + ":" + port);
  }

  @Test
  void givenAHostNotListedAsInsecure_onlyATlsHandshakeReachesIt_neverAPlainRequestOrCredentials() throws Exception {
    try (RawRecorder server = new RawRecorder(remote)) {
      RegistryHost host = remoteHost(server.port());
      try (RegistryClient client = factory.open(StaticDockerConfig.basic(host, "alice", PASSWORD), OPTIONS)) {

        assertThatThrownBy(() -> client.listTags(new Repository(host, "group/app")))
            .isInstanceOf(InsecureRegistryException.class)
            .hasMessageContaining("TLS failed")
            .hasMessageContaining("list it with --insecure-registry or DAPP_INSECURE_REGISTRY");
      }
      assertThat(server.connections()).isNotEmpty().allSatisfy(bytes -> {
        assertThat(bytes).isNotEmpty();
        assertThat(bytes[0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("HTTP/1.1").doesNotContain("Authorization").doesNotContain("Basic ");
      });
    }
  }

  @Test
  void givenTheHostListedAsInsecure_plainHttpIsUsed_withItsCredentials() throws Exception {
    try (CannedServer server = new CannedServer(remote, request -> request.authorization() == null
        ? CannedServer.Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"canned\""), "")
        : CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"),
            "{\"name\":\"group/app\",\"tags\":[\"1.0\"]}"))) {
      RegistryHost host = remoteHost(server.port());
      RegistryOptions insecure = new RegistryOptions(Set.of(host), Platform.LINUX_AMD64, RetryPolicy.NONE);
      try (RegistryClient client = factory.open(StaticDockerConfig.basic(host, "alice", PASSWORD), insecure)) {

        assertThat(client.listTags(new Repository(host, "group/app"))).containsExactly("1.0");
      }
      assertThat(server.received()).filteredOn(r -> r.uri().startsWith("/v2/group/app/tags/list"))
          .singleElement().satisfies(r -> assertThat(r.authorization()).startsWith("Basic "));
    }
  }

  @Test
  void aRedirectToPlainHttpOnAnotherHost_isNotFollowed() throws Exception {
    byte[] content = "blob".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digests.sha256(content);
    try (RawRecorder elsewhere = new RawRecorder(remote);
        CannedServer registry = new CannedServer(request -> request.uri().equals("/v2/")
            ? CannedServer.Reply.of(200)
            : CannedServer.Reply.of(307, Map.of("Location",
                "http://" + remote.getHostAddress() + ":" + elsewhere.port() + "/blob?sig=1"), ""));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
      Repository repository = new Repository(new RegistryHost("127.0.0.1:" + registry.port()), "group/app");

      assertThatThrownBy(() -> client.pullBlob(repository, digest, temp.resolve("blob")))
          .isInstanceOf(InsecureRegistryException.class)
          .hasMessageContaining("redirects to plain HTTP");
      assertThat(elsewhere.connections()).isEmpty();
    }
  }

  @Test
  void anUploadLocationOnPlainHttpOnAnotherHost_getsNoBytes() throws Exception {
    BlobSource blob = BlobSource.ofBytes("layer".getBytes(StandardCharsets.UTF_8));
    try (RawRecorder elsewhere = new RawRecorder(remote);
        CannedServer registry = new CannedServer(request -> {
          if (request.method().equals("POST")) {
            return CannedServer.Reply.of(202, Map.of("Location",
                "http://" + remote.getHostAddress() + ":" + elsewhere.port() + "/upload/1"), "");
          }
          return request.uri().equals("/v2/") ? CannedServer.Reply.of(200) : CannedServer.Reply.of(404);
        });
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
      Repository repository = new Repository(new RegistryHost("127.0.0.1:" + registry.port()), "group/app");

      assertThatThrownBy(() -> client.pushBlob(repository, blob, Optional.empty()))
          .isInstanceOf(InsecureRegistryException.class)
          .hasMessageContaining("plain HTTP (http://" + remote.getHostAddress() + ":" + elsewhere.port() + ")");
      assertThat(elsewhere.connections()).isEmpty();
    }
  }

  @Test
  void aTokenServiceOnPlainHttpOnAnotherHost_getsNoCredentials() throws Exception {
    try (RawRecorder tokenService = new RawRecorder(remote);
        CannedServer registry = new CannedServer(request -> CannedServer.Reply.of(401, Map.of("WWW-Authenticate",
            "Bearer realm=\"http://" + remote.getHostAddress() + ":" + tokenService.port() + "/token\",service=\"x\""), ""))) {
      RegistryHost host = new RegistryHost("127.0.0.1:" + registry.port());
      try (RegistryClient client = factory.open(StaticDockerConfig.basic(host, "alice", PASSWORD), OPTIONS)) {

        assertThatThrownBy(() -> client.listTags(new Repository(host, "group/app")))
            .isInstanceOf(InsecureRegistryException.class)
            .hasMessageContaining("dapp sends no credentials over plain HTTP");
      }
      assertThat(tokenService.connections()).isEmpty();
    }
  }
}
