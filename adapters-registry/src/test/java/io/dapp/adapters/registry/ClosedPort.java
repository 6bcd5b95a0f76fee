package io.dapp.adapters.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where nothing listens, for as long as this is open: the port is bound by a socket that never
 * listens, so a connection to it is refused and no other process can take it meanwhile (a port that was free
 * a moment ago may be another suite's registry by the time a test connects to it).
 */
public final class ClosedPort implements AutoCloseable {

  private final Socket socket = new Socket();

  public ClosedPort() throws IOException {
    socket.setReuseAddress(false);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
