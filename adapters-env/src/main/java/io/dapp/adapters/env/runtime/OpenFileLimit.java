package io.dapp.adapters.env.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The open-file limits of a stage's process: soft 1024 (what programs expect; select() breaks above it),
 * hard 524288 (systemd's and docker's), neither above dapp's own hard limit. A runtime sets them after the
 * process lost CAP_SYS_RESOURCE, so it cannot raise a limit above what it inherited.
 */
record OpenFileLimit(long soft, long hard) {

  static final long SOFT = 1024;
  static final long HARD = 524288;

  OpenFileLimit {
    if (soft < 0 || hard < soft) {
      throw new IllegalArgumentException("open-file limits must be 0 <= soft <= hard");
    }
  }

  /** Within this process's own hard limit (from /proc/self/limits; unlimited when it cannot be read). */
  static OpenFileLimit forStages() {
    long inherited = inheritedHardLimit(Path.of("/proc/self/limits"));
    long hard = Math.min(HARD, inherited);
    return new OpenFileLimit(Math.min(SOFT, hard), hard);
  }

  static long inheritedHardLimit(Path limits) {
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String[] fields = line.substring("Max open files".length()).strip().split("\\s+");
          return fields[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[1]);
        }
      }
    } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
      // Not Linux's /proc: ask for the usual limits and let the runtime say if it cannot.
    }
    return Long.MAX_VALUE;
  }
}
