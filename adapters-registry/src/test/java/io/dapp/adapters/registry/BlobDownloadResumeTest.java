package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A download that breaks off goes on from where it stopped, and no byte reaches the output twice: the
 * output is the local store's file, written as the bytes arrive.
 */
class BlobDownloadResumeTest {

  private static final RegistryOptions OPTIONS = RegistryOptions.defaults()
      .withRetryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)));
  private static final int SIZE = 3 * 1024 * 1024;

  private final byte[] blob = new byte[SIZE];
  private final Digest digest;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  BlobDownloadResumeTest() {
    new Random(42).nextBytes(blob);
    digest = Digests.sha256(blob);
  }

  @Test
  void aBrokenDownload_asksForTheRestWithRange_andWritesEachByteOnce() throws Exception {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    List<Long> progress = new ArrayList<>();

    long size = pull(true, target, progress);

    assertThat(size).isEqualTo(SIZE);
    assertThat(target.toByteArray()).isEqualTo(blob);
    assertThat(progress).isSorted().last().isEqualTo((long) SIZE);
    List<String> blobRequests = requests.stream().filter(r -> r.contains("/blobs/")).toList();
    assertThat(blobRequests).hasSize(2);
    assertThat(blobRequests.get(0)).doesNotContainIgnoringCase("range:");
    assertThat(blobRequests.get(1)).containsPattern("(?i)range: bytes=[1-9][0-9]*-\r\n");
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void aRegistryThatIgnoresRange_sendsTheWholeBlobAgain_ofWhichOnlyTheRestIsWritten() throws Exception {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    List<Long> progress = new ArrayList<>();

    long size = pull(false, target, progress);

    assertThat(size).isEqualTo(SIZE);
    assertThat(target.toByteArray()).isEqualTo(blob);
    assertThat(progress).isSorted().last().isEqualTo((long) SIZE);
  }

  @Test
  void aDownloadAbandonedHalfWay_dropsItsConnection_ratherThanReadTheRestOfTheBlob() throws Exception {
    long huge = 256L * 1024 * 1024;
    AtomicLong sent = new AtomicLong();
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serveEndlessly(socket, huge, sent));
      server.setDaemon(true);
      server.start();
      JerseyRegistryClientFactory factory =
          new JerseyRegistryClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(10), sleeper.tools());
      try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
        Repository repository = new Repository(new RegistryHost("127.0.0.1:" + socket.getLocalPort()), "group/app");

        assertThatThrownBy(() -> client.pullBlob(repository, digest, OutputStream.nullOutputStream(), bytes -> {
          throw new CancellationException("another transfer failed");
        })).isInstanceOf(CancellationException.class);
      }
      server.join(60_000);
      assertThat(server.isAlive()).isFalse();
      assertThat(sent.get()).as("the server could not send the rest: the connection was gone").isLessThan(huge / 4);
    }
  }

  /** Answers blob requests with a body of {@code size} bytes, counting what it managed to send. */
  private void serveEndlessly(ServerSocket socket, long size, AtomicLong sent) {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        String head = readHead(connection.getInputStream());
        OutputStream out = connection.getOutputStream();
        if (!head.contains("/blobs/")) {
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          head = readHead(connection.getInputStream()); // the blob request, on the same connection
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        while (sent.get() < size) {
          out.write(chunk);
          sent.addAndGet(chunk.length);
        }
        return;
      } catch (IOException e) {
        return;
      }
    }
  }

  private long pull(boolean honoursRange, OutputStream target, List<Long> progress) throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serve(socket, honoursRange));
      server.setDaemon(true);
      server.start();
      JerseyRegistryClientFactory factory =
          new JerseyRegistryClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(10), sleeper.tools());
      try (RegistryClient client = factory.open(StaticDockerConfig.anonymous(), OPTIONS)) {
        Repository repository = new Repository(new RegistryHost("127.0.0.1:" + socket.getLocalPort()), "group/app");
        return client.pullBlob(repository, digest, target, progress::add);
      }
    }
  }

  /**
   * One connection at a time: the first blob request gets half the blob and a reset (RST); later ones get
   * what their Range asks for (206), or everything (200) when the registry ignores Range.
   */
  private void serve(ServerSocket socket, boolean honoursRange) {
    boolean broken = false;
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        String head = readHead(connection.getInputStream());
        requests.add(head);
        OutputStream out = connection.getOutputStream();
        if (!head.contains("/blobs/")) {
          out.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          continue;
        }
        if (!broken) {
          broken = true;
          out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + SIZE + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(blob, 0, SIZE / 2);
          out.flush();
          connection.setSoLinger(true, 0); // close with RST, mid-body
          continue;
        }
        int from = 0;
        java.util.regex.Matcher range = java.util.regex.Pattern.compile("(?i)range: bytes=(\\d+)-").matcher(head);
        if (honoursRange && range.find()) {
          from = Integer.parseInt(range.group(1));
          out.write(("HTTP/1.1 206 Partial Content\r\nConnection: close\r\nContent-Length: " + (SIZE - from)
              + "\r\nContent-Range: bytes " + from + "-" + (SIZE - 1) + "/" + SIZE + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + SIZE + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
        }
        out.write(blob, from, SIZE - from);
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
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
}
