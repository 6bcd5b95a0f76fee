package io.dapp.domain.testing;

import io.dapp.domain.port.Console;
import java.util.ArrayList;
import java.util.List;

/** A console that keeps what it is told, one list per kind, for tests to assert on. */
public class RecordingConsole implements Console {

  public final List<String> infos = new ArrayList<>();
  public final List<String> warnings = new ArrayList<>();
  public final List<String> debugs = new ArrayList<>();

  @Override
  public void info(String line) {
    infos.add(line);
  }

  @Override
  public void warn(String line) {
    warnings.add(line);
  }

  @Override
  public void debug(String line) {
    debugs.add(line);
  }
}
