package io.dapp.adapters.env.dappfile;

/** A dappfile problem at a line; turned into the one-line {@code file:line: message} error at the edge. */
final class DappfileSyntaxException extends Exception {

  private final int line;

  DappfileSyntaxException(int line, String message) {
    super(message, null, false, false);
    this.line = line;
  }

  int line() {
    return line;
  }
}
