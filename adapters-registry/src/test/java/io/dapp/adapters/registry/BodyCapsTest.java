package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RetryPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bodies dapp holds in memory are read with caps — manifests 4 MiB, tokens 1 MiB, error bodies 64 KiB — so a
 * broken or hostile server cannot make it read without end: at the cap the answer is refused in one line,
 * and the rest of the body is not read.
 */
class BodyCapsTest {

  private static final int MIB = 1024 * 1024;
  private static final RegistryOptions OPTIONS = RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE);
  private final JerseyRegistryClientFactory factory =
      new JerseyRegistryClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(5));

  private static Repository repository(int port) {
    return new Repository(new RegistryHost("127.0.0.1:" + port), "group/app");
  }

  /** A JSON manifest of exactly {@code size} bytes: the layer list padded with an annotation. */
  private static byte[] manifestOf(int size) {
    String head = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"annotations\":{\"pad\":\"";
    String tail = "\"}}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
  }

  private static CannedServer manifestServer(byte[] manifest) throws Exception {
    return new CannedServer(request -> request.uri().equals("/v2/") ? CannedServer.Reply.of(200)
        : new CannedServer.Reply(200, Map.of("Content-Type", MediaType.OCI_MANIFEST.value()), manifest));
  }

  @Test
  void aManifestOfExactly4MiB_isRead() throws Exception {
    byte[] largest = manifestOf(Manifest.MAX_SIZE);
    try (CannedServer server = manifestServer(largest); RegistryClient client = factory.open(
        StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThat(client.pullManifest(repository(server.port()).withTag("1")).content()).hasSize(4 * MIB);
    }
  }

  @Test
  void aManifestOneByteOver4MiB_isRefusedInOneLine() throws Exception {
    try (CannedServer server = manifestServer(manifestOf(Manifest.MAX_SIZE + 1)); RegistryClient client =
        factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.pullManifest(repository(server.port()).withTag("1")))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessage("pull manifest " + repository(server.port()) + ":1: the registry sent a body larger than "
              + 4 * MIB + " bytes");
    }
  }

  @Test
  void aManifestWithoutEnd_isRefusedAtTheCap_withoutReadingTheRest() throws Exception {
    AtomicLong written = new AtomicLong();
    try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serveEndlessBodies(socket, written));
      server.setDaemon(true);
      server.start();
      try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

        assertThatThrownBy(() -> client.pullManifest(repository(socket.getLocalPort()).withTag("1")))
            .isInstanceOf(RegistryResponseException.class)
            .hasMessageEndingWith("the registry sent a body larger than " + 4 * MIB + " bytes");
      }
      // The server announced 1 GiB; what it could write is the cap and what the socket buffers hold.
      assertThat(written.get()).isLessThan(64L * MIB);
    }
  }

  /** Answers the ping, then announces a GiB for any other request and writes until the client goes away. */
  private static void serveEndlessBodies(ServerSocket socket, AtomicLong written) {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && !head.append((char) c).toString().endsWith("\r\n\r\n")) {
          // read the request head
        }
        OutputStream out = connection.getOutputStream();
        if (head.toString().startsWith("GET /v2/ ")) {
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + MediaType.OCI_MANIFEST + "\r\nContent-Length: "
            + (1024L * MIB) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        while (true) {
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (java.io.IOException clientGone) {
        // the client stopped reading and closed: what this test wants
      }
    }
  }

  @Test
  void aTokenOver1MiB_isRefusedInOneLine() throws Exception {
    String token = "{\"token\":\"" + "t".repeat(MIB) + "\"}";
    try (CannedServer tokens = new CannedServer(request ->
            CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), token));
        CannedServer registry = new CannedServer(request -> CannedServer.Reply.of(401, Map.of("WWW-Authenticate",
            "Bearer realm=\"http://127.0.0.1:" + tokens.port() + "/token\",service=\"canned\""), ""));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(registry.port())))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageEndingWith("the token service 127.0.0.1:" + tokens.port() + " sent a token larger than 1 MiB");
    }
  }

  @Test
  void anErrorBodyOver64KiB_isNotShown_andTheErrorIsStillOneLine() throws Exception {
    String body = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + "m".repeat(64 * 1024) + "\"}]}";
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/") ? CannedServer.Reply.of(200)
        : CannedServer.Reply.of(400, Map.of("Content-Type", "application/json"), body));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(server.port())))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessage("list tags of " + repository(server.port()) + ": the registry answered 400: HTTP 400");
    }
  }

  @Test
  void anErrorBodyJustUnder64KiB_isShown_cutToALine() throws Exception {
    String body = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + "m".repeat(60 * 1024) + "\"}]}";
    try (CannedServer server = new CannedServer(request -> request.uri().equals("/v2/") ? CannedServer.Reply.of(200)
        : CannedServer.Reply.of(400, Map.of("Content-Type", "application/json"), body));
        RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {

      assertThatThrownBy(() -> client.listTags(repository(server.port())))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageStartingWith("list tags of " + repository(server.port()) + ": the registry answered 400: DENIED: mmm")
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(700));
    }
  }
}
