package io.dapp.adapters.registry;

import java.io.IOException;

/**
 * The proxy a request went to could not be reached, or would not carry it ({@code CONNECT} refused). Its
 * message names the proxy as the user set it, without credentials, and says what happened; asking again
 * would not change it.
 */
final class ProxyFailureException extends IOException {

  ProxyFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
