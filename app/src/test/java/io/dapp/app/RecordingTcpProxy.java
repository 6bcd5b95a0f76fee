package io.dapp.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of a local server that records every byte clients send, so a test can
 * read the request headers that really went over the wire (a registry's own log leaves out Authorization).
 * It forwards bytes unchanged: keep-alive, bodies and the Host header (hence the registry's Location URLs,
 * which then point back at the proxy) pass as they are.
 */
final class RecordingTcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<ByteArrayOutputStream> connections = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  RecordingTcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("proxy-accept", this::accept);
  }

  /** The proxy's {@code host:port}. */
  String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** The Authorization header values clients sent, in order per connection. */
  List<String> authorizations() {
    List<String> values = new ArrayList<>();
    for (ByteArrayOutputStream connection : connections) {
      String text;
      synchronized (connection) {
        text = connection.toString(StandardCharsets.ISO_8859_1);
      }
      for (String line : text.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("authorization:")) {
          values.add(line.substring("authorization:".length()).trim());
        }
      }
    }
    return values;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        connections.add(record);
        daemon("proxy-up", () -> pump(client, upstream, record));
        daemon("proxy-down", () -> pump(upstream, client, null));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Copies one direction until its end, then half-closes the other side, as the peer did. */
  private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (record != null) {
          synchronized (record) {
            record.write(buffer, 0, n);
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException ended) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    sockets.forEach(RecordingTcpProxy::closeQuietly);
  }
}
