package io.dapp.adapters.env.dappfile;

import io.dapp.domain.error.UserText;

/**
 * A dappfile problem at a line; turned into the one-line {@code file:line: message} error at the edge. The
 * message quotes keys and values of the file, so any control character in them is escaped here.
 */
final class DappfileSyntaxException extends Exception {

  private final int line;

  DappfileSyntaxException(int line, String message) {
    super(UserText.oneLine(message), null, false, false);
    this.line = line;
  }

  int line() {
    return line;
  }
}
