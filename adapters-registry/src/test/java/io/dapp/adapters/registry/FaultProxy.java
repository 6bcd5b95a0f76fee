package io.dapp.adapters.registry;

import io.dapp.domain.model.RegistryHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 between dapp and a real registry (or token service) that injects faults a
 * script chooses per request: connection resets before or in the middle of a body, canned answers (503,
 * 429 with Retry-After), delays past a client's read timeout, bandwidth limits, or a hook that runs
 * before the request goes on (to restart the registry behind it). Every request is forwarded on its own
 * upstream connection with {@code Connection: close}, so each client connection carries one request and
 * a fault hits exactly the request it was chosen for. It also keeps every request's head, so a test can read
 * the headers that really went over the wire (a registry's own log leaves out Authorization); with the
 * script {@code request -> forward()} it is a plain recording proxy. Shared with the application's tests
 * through this module's test jar.
 */
public final class FaultProxy implements AutoCloseable {

  /** A request as the script sees it; {@code number} counts every request the proxy received, from 1. */
  public record Request(int number, String method, String path) {

    /** Whether this is a blob upload's data (PATCH or PUT with a body to an upload session). */
    public boolean isBlobUpload() {
      return path.contains("/blobs/uploads/") && (method.equals("PATCH") || method.equals("PUT"));
    }

    /** Whether this is a blob download. */
    public boolean isBlobDownload() {
      return method.equals("GET") && path.matches("/v2/.+/blobs/sha256:[0-9a-f]+");
    }

    public boolean isManifestPut() {
      return method.equals("PUT") && path.contains("/manifests/");
    }
  }

  /** What the proxy does with one request. */
  public sealed interface Action {
    /** Forwards the request; the limits and faults are applied on the way. */
    record Forward(long requestBytesPerSecond, long responseBytesPerSecond, Duration delayBeforeResponse,
        long resetAfterRequestBytes, long resetAfterResponseBytes, Runnable before) implements Action {}

    /** Answers without asking upstream; the request body is read and dropped first. */
    record Reply(int status, Map<String, String> headers, String body) implements Action {}

    /** Closes the connection with a TCP reset before anything is forwarded. */
    record Reset() implements Action {}
  }

  private static final long UNLIMITED = -1;
  private static final int MAX_HEAD = 64 * 1024;

  public static Action forward() {
    return new Action.Forward(UNLIMITED, UNLIMITED, Duration.ZERO, UNLIMITED, UNLIMITED, () -> { });
  }

  /** Forwards with the request body (an upload) limited to {@code bytesPerSecond}. */
  public static Action slowUpload(long bytesPerSecond) {
    return new Action.Forward(bytesPerSecond, UNLIMITED, Duration.ZERO, UNLIMITED, UNLIMITED, () -> { });
  }

  /** Forwards the request, then holds the answer back for {@code delay}. */
  public static Action delayResponse(Duration delay) {
    return new Action.Forward(UNLIMITED, UNLIMITED, delay, UNLIMITED, UNLIMITED, () -> { });
  }

  /** Forwards the head and {@code bytes} bytes of the body, then resets both connections. */
  public static Action resetAfterRequestBytes(long bytes) {
    return new Action.Forward(UNLIMITED, UNLIMITED, Duration.ZERO, bytes, UNLIMITED, () -> { });
  }

  /** Forwards the request and {@code bytes} bytes of the answer (head included), then resets. */
  public static Action resetAfterResponseBytes(long bytes) {
    return new Action.Forward(UNLIMITED, UNLIMITED, Duration.ZERO, UNLIMITED, bytes, () -> { });
  }

  /** Runs {@code hook} (restart the registry, say), then forwards. */
  public static Action afterRunning(Runnable hook) {
    return new Action.Forward(UNLIMITED, UNLIMITED, Duration.ZERO, UNLIMITED, UNLIMITED, hook);
  }

  public static Action reply(int status, Map<String, String> headers, String body) {
    return new Action.Reply(status, headers, body);
  }

  public static Action reset() {
    return new Action.Reset();
  }

  /** Chooses an action for each request. Called on the proxy's threads, one per connection. */
  @FunctionalInterface
  public interface Script {
    Action on(Request request);
  }

  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "fault-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private volatile Script script;

  private FaultProxy(int upstreamPort, Script script) throws IOException {
    this.upstreamPort = upstreamPort;
    this.script = Objects.requireNonNull(script, "'script' must not be null");
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    threads.execute(this::acceptLoop);
  }

  /** A proxy that forwards every request unchanged (and records it) to {@code upstream}. */
  public static FaultProxy recording(RegistryHost upstream) throws IOException {
    return to(upstream, request -> forward());
  }

  /** A proxy on a free loopback port to {@code 127.0.0.1:upstreamPort}. */
  public static FaultProxy to(int upstreamPort, Script script) throws IOException {
    return new FaultProxy(upstreamPort, script);
  }

  public static FaultProxy to(RegistryHost upstream, Script script) throws IOException {
    String name = upstream.name();
    return to(Integer.parseInt(name.substring(name.lastIndexOf(':') + 1)), script);
  }

  /** The proxy's address as a registry host: repositories named with it go through the proxy. */
  public RegistryHost host() {
    return new RegistryHost("127.0.0.1:" + server.getLocalPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Replaces the script for the requests that arrive from now on. */
  public void script(Script next) {
    this.script = Objects.requireNonNull(next, "'next' must not be null");
  }

  /**
   * One line per request, {@code number METHOD path -> action}, and another ending {@code upstream down: 502}
   * for each request that found the upstream down.
   */
  public List<String> log() {
    return List.copyOf(log);
  }

  /**
   * The values of header {@code name} (any case) in the requests received, in the order they arrived; every
   * occurrence, so a request that sent it twice shows twice.
   */
  public List<String> headerValues(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    List<String> values = new ArrayList<>();
    for (String head : heads) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          values.add(line.substring(prefix.length()).trim());
        }
      }
    }
    return values;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private record Head(String requestLine, String method, String path, Map<String, String> headers, byte[] raw) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The head to send upstream: the same, with {@code Connection: close}. */
    byte[] forUpstream() {
      StringBuilder out = new StringBuilder(requestLine).append("\r\n");
      String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
          continue;
        }
        out.append(line).append("\r\n");
      }
      return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      Head head = readHead(in);
      if (head == null) {
        return;
      }
      heads.add(new String(head.raw(), StandardCharsets.ISO_8859_1));
      Request request = new Request(requests.incrementAndGet(), head.method(), head.path());
      Action action = script.on(request);
      log.add(request.number() + " " + request.method() + " " + request.path() + " -> " + describe(action));
      if (action instanceof Action.Reset) {
        reset(client);
      } else if (action instanceof Action.Reply reply) {
        copyBody(head, in, OutputStream.nullOutputStream(), UNLIMITED, UNLIMITED);
        answer(client.getOutputStream(), reply);
      } else if (action instanceof Action.Forward forward) {
        if (!forward(client, head, in, forward)) {
          log.add(request.number() + " " + request.method() + " " + request.path() + " -> upstream down: 502");
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client or the upstream went away: the connection ends, as it would through any proxy.
    }
  }

  /** False when the upstream refused the connection (and the client was answered 502). */
  private boolean forward(Socket client, Head head, InputStream in, Action.Forward forward) throws IOException {
    forward.before().run();
    Socket upstream;
    try {
      upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
    } catch (IOException refused) {
      // What a load balancer in front of a registry that is down answers.
      copyBody(head, in, OutputStream.nullOutputStream(), UNLIMITED, UNLIMITED);
      answer(client.getOutputStream(), new Action.Reply(502, Map.of(), "upstream unavailable"));
      return false;
    }
    try (upstream) {
      OutputStream toUpstream = upstream.getOutputStream();
      toUpstream.write(head.forUpstream());
      boolean complete = copyBody(head, in, toUpstream, forward.requestBytesPerSecond(),
          forward.resetAfterRequestBytes());
      toUpstream.flush();
      if (!complete) {
        reset(upstream);
        reset(client);
        return true;
      }
      if (!forward.delayBeforeResponse().isZero()) {
        sleep(forward.delayBeforeResponse().toMillis());
      }
      OutputStream toClient = client.getOutputStream();
      boolean whole = copy(upstream.getInputStream(), toClient, Long.MAX_VALUE, forward.responseBytesPerSecond(),
          forward.resetAfterResponseBytes());
      toClient.flush();
      if (!whole) {
        reset(client);
      }
      return true;
    }
  }

  /** Reads the request head; null when the client closed without sending one. */
  private static Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int matched = 0;
    int c;
    while ((c = in.read()) >= 0) {
      raw.write(c);
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
      if (raw.size() > MAX_HEAD) {
        throw new IOException("request head too large");
      }
    }
    if (matched != 4) {
      return null;
    }
    String[] lines = raw.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Head(lines[0], requestLine[0], requestLine.length > 1 ? requestLine[1] : "/", headers,
        raw.toByteArray());
  }

  /**
   * Copies the request body as its framing says (Content-Length or chunked); false when {@code resetAfter}
   * bytes were copied before its end.
   */
  private static boolean copyBody(Head head, InputStream in, OutputStream out, long bytesPerSecond, long resetAfter)
      throws IOException {
    String length = head.header("Content-Length");
    String encoding = head.header("Transfer-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return copyChunked(in, out, bytesPerSecond, resetAfter);
    }
    long size = length == null ? 0 : Long.parseLong(length);
    return copy(in, out, size, bytesPerSecond, resetAfter);
  }

  private static boolean copyChunked(InputStream in, OutputStream out, long bytesPerSecond, long resetAfter)
      throws IOException {
    long copied = 0;
    while (true) {
      String sizeLine = readLine(in);
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      int semicolon = sizeLine.indexOf(';');
      long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        String trailer;
        while (!(trailer = readLine(in)).isEmpty()) {
          out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return true;
      }
      long allowed = resetAfter < 0 ? UNLIMITED : Math.max(0, resetAfter - copied);
      if (!copy(in, out, size, bytesPerSecond, allowed)) {
        return false;
      }
      copied += size;
      out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * Copies {@code size} bytes (or to the end when {@code Long.MAX_VALUE}) at most {@code bytesPerSecond}
   * fast; false when it stopped after {@code resetAfter} bytes instead.
   */
  private static boolean copy(InputStream in, OutputStream out, long size, long bytesPerSecond, long resetAfter)
      throws IOException {
    long copied = 0;
    int slice = bytesPerSecond > 0 ? (int) Math.max(1, Math.min(64 * 1024, bytesPerSecond / 10)) : 64 * 1024;
    byte[] buffer = new byte[slice];
    while (copied < size) {
      if (resetAfter >= 0 && copied >= resetAfter) {
        return false;
      }
      int want = (int) Math.min(buffer.length, size - copied);
      if (resetAfter >= 0) {
        want = (int) Math.min(want, resetAfter - copied);
      }
      int n = in.read(buffer, 0, want);
      if (n < 0) {
        return size == Long.MAX_VALUE && (resetAfter < 0 || copied < resetAfter);
      }
      out.write(buffer, 0, n);
      out.flush();
      copied += n;
      if (bytesPerSecond > 0) {
        sleep(n * 1000L / bytesPerSecond);
      }
    }
    return true;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      line.append((char) c);
    }
    throw new IOException("the client closed in the middle of a chunked body");
  }

  private static void answer(OutputStream out, Action.Reply reply) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" Fault\r\n")
        .append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n");
    if (!reply.body().isEmpty() && !reply.headers().containsKey("Content-Type")) {
      head.append("Content-Type: application/json\r\n");
    }
    reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the proxy is closing", e);
    }
  }

  private static String describe(Action action) {
    if (action instanceof Action.Reply reply) {
      return "reply " + reply.status();
    }
    if (action instanceof Action.Reset) {
      return "reset";
    }
    Action.Forward forward = (Action.Forward) action;
    List<String> parts = new ArrayList<>();
    if (forward.requestBytesPerSecond() > 0) {
      parts.add("upload at " + forward.requestBytesPerSecond() + " B/s");
    }
    if (!forward.delayBeforeResponse().isZero()) {
      parts.add("answer after " + forward.delayBeforeResponse().toMillis() + " ms");
    }
    if (forward.resetAfterRequestBytes() >= 0) {
      parts.add("reset after " + forward.resetAfterRequestBytes() + " request bytes");
    }
    if (forward.resetAfterResponseBytes() >= 0) {
      parts.add("reset after " + forward.resetAfterResponseBytes() + " response bytes");
    }
    return parts.isEmpty() ? "forward" : "forward, " + String.join(", ", parts);
  }
}
