package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.NetworkSettings;
import io.dapp.domain.network.ProxySettings;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryUnreachableException;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.testing.HostileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy that cannot be reached, and one that will not open a tunnel, fail in one line that names the proxy
 * as the environment set it, never its credentials; the credentials go to the proxy, in answer to its 407.
 */
class ProxyFailuresTest {

  /** The registry's name: not loopback, so that the proxy applies; never resolved, the proxy would do that. */
  private static final RegistryHost REGISTRY = new RegistryHost("registry.dapp.test:5000");

  private RefusingProxy proxy;

  @AfterEach
  void close() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static RegistryClient client(String httpsProxy) throws Exception {
    RegistryOptions options = RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE).withNetwork(
        NetworkSettings.DEFAULT.withProxies(ProxySettings.from(Map.of("HTTPS_PROXY", httpsProxy))));
    return new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(), options);
  }

  @Test
  void aProxyThatCannotBeReached_isNamed_withoutItsCredentials() throws Exception {
    try (ClosedPort nothingListens = new ClosedPort();
        RegistryClient client = client("http://ci-user:proxy-pass-1@127.0.0.1:" + nothingListens.port())) {
      int closed = nothingListens.port();
      assertThatThrownBy(() -> client.ping(REGISTRY))
          .isInstanceOf(RegistryUnreachableException.class)
          .hasMessageStartingWith("reach registry registry.dapp.test:5000: the proxy http://127.0.0.1:" + closed
              + " ($HTTPS_PROXY) could not be reached: connection refused")
          .hasMessageNotContaining("proxy-pass-1").hasMessageNotContaining("ci-user")
          .satisfies(e -> HostileInput.assertOneLine(e.getMessage()));
    }
  }

  @Test
  void aProxyThatRefusesTheTunnel_isNamed_withWhatItSaid() throws Exception {
    proxy = new RefusingProxy("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    try (RegistryClient client = client("127.0.0.1:" + proxy.port())) {
      assertThatThrownBy(() -> client.ping(REGISTRY))
          .isInstanceOf(RegistryUnreachableException.class)
          .hasMessage("reach registry registry.dapp.test:5000: the proxy http://127.0.0.1:" + proxy.port()
              + " ($HTTPS_PROXY) refused to open a tunnel to registry.dapp.test:5000: 403 Forbidden");
    }
    assertThat(proxy.heads).singleElement().asString().startsWith("CONNECT registry.dapp.test:5000 HTTP/1.1");
  }

  @Test
  void aProxyThatAsksForCredentials_getsThoseOfItsUrl_inAnswerToIts407_andARefusalSaysSo() throws Exception {
    String challenge = "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
        + "Content-Length: 0\r\n\r\n";
    proxy = new RefusingProxy(challenge);
    try (RegistryClient client = client("http://ci-user:proxy-pass-2@127.0.0.1:" + proxy.port())) {
      assertThatThrownBy(() -> client.ping(REGISTRY))
          .hasMessage("reach registry registry.dapp.test:5000: the proxy http://127.0.0.1:" + proxy.port()
              + " ($HTTPS_PROXY) refused to open a tunnel to registry.dapp.test:5000: 407 Proxy Authentication "
              + "Required (the user and password in $HTTPS_PROXY were not accepted, or none were given)");
    }
    String credentials = "Proxy-Authorization: Basic "
        + Base64.getEncoder().encodeToString("ci-user:proxy-pass-2".getBytes(StandardCharsets.UTF_8));
    assertThat(proxy.heads).hasSize(2);
    assertThat(proxy.heads.get(0)).doesNotContain("Proxy-Authorization");
    assertThat(proxy.heads.get(1)).startsWith("CONNECT registry.dapp.test:5000").contains(credentials);
  }

  /** A proxy on 127.0.0.1 that answers every request with the same response and keeps each request's head. */
  private static final class RefusingProxy implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> heads = new CopyOnWriteArrayList<>();

    RefusingProxy(String response) throws IOException {
      Thread thread = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
              String head = head(in);
              if (head.isEmpty()) {
                break;
              }
              heads.add(head);
              out.write(response.getBytes(StandardCharsets.US_ASCII));
              out.flush();
            }
          } catch (IOException closed) {
            // the test is over, or the client went away
          }
        }
      }, "refusing-proxy");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private static String head(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        head.append((char) c);
        if (head.toString().endsWith("\r\n\r\n")) {
          break;
        }
      }
      return head.toString();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
