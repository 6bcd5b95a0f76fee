package io.dapp.adapters.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server that answers nothing and records every byte it receives, for proving what did (not) go over
 * the wire: each connection is read for a moment and then closed, so a TLS client fails its handshake.
 */
final class RawRecorder implements AutoCloseable {

  private final ServerSocket socket;
  private final List<byte[]> connections = new CopyOnWriteArrayList<>();

  RawRecorder(InetAddress address) throws IOException {
    socket = new ServerSocket(0, 50, address);
    Thread acceptor = new Thread(this::accept, "raw-recorder");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * This machine's first non-loopback IPv4 address (the one of eth0, say): reachable without DNS and
   * without leaving the machine, yet not a loopback host by {@code RegistryHost.isLoopback}.
   */
  static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces().filter(RawRecorder::isUp)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
        .findFirst();
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        // A loaded machine may take seconds to set up TLS before the first byte; after it, a short quiet
        // spell means the client waits for an answer.
        connection.setSoTimeout(10_000);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = connection.getInputStream();
        byte[] buffer = new byte[8192];
        try {
          int n;
          while ((n = in.read(buffer)) >= 0) {
            received.write(buffer, 0, n);
            connection.setSoTimeout(300);
          }
        } catch (SocketTimeoutException enough) {
          // The client waits for an answer that does not come.
        }
        connections.add(received.toByteArray());
      } catch (IOException closed) {
        return;
      }
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The bytes of each connection, in order. */
  List<byte[]> connections() {
    return List.copyOf(connections);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
