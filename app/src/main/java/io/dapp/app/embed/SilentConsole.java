package io.dapp.app.embed;

import io.dapp.domain.port.Console;
import io.dapp.domain.port.TransferProgress;

/** What an embedding hears when it gives no console: nothing. */
final class SilentConsole implements Console {

  @Override
  public void info(String line) {}

  @Override
  public void warn(String line) {}

  @Override
  public void debug(String line) {}

  @Override
  public TransferProgress transfers() {
    return TransferProgress.NONE;
  }
}
