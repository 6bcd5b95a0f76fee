package io.dapp.adapters.registry;

import java.io.IOException;
import java.net.URI;

/**
 * {@link JerseyTransport} refused to send a request over plain HTTP to a host that may not get one. Not
 * transient: asking again changes nothing. The message names the scheme and authority, never a query.
 */
final class PlainHttpRefusedException extends IOException {

  private static final long serialVersionUID = 1L;

  PlainHttpRefusedException(URI uri) {
    super(uri.getScheme() + "://" + (uri.getHost() == null ? "?" : uri.getHost())
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
  }
}
