package io.dapp.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run of the ahead-of-time cache (JDK 25 and later; {@code app/cds/make-aot-cache.sh} runs it,
 * the launcher never does): several dapp command lines, one after the other, in one JVM. A JVM writes an AOT
 * cache of what one run of it loaded, linked and profiled, and runs cannot be merged; so the commands a cache
 * should serve (help, login-plan, a build, pushes, a pull, a cleanup plan) are trained in one run. It runs
 * from dapp's own jar, as the cache must be made with the class path it is used with.
 *
 * <p>{@code java -XX:AOTCacheOutput=CACHE -cp dapp.jar io.dapp.app.AotTraining RESULTS WORD... [";" WORD...]...}
 * runs each command line ({@code ;} alone separates them) and writes RESULTS, one line per command line run:
 * its exit code, a tab and its words. The file is rewritten after each, so a run stopped early still tells how
 * far it got. Exits 0 (the script judges the results).
 */
public final class AotTraining {

  static final String SEPARATOR = ";";

  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: AotTraining RESULTS WORD... [; WORD...]...");
    }
    Path results = Path.of(args[0]);
    List<String> lines = new ArrayList<>();
    for (List<String> commandLine : commandLines(Arrays.asList(args).subList(1, args.length))) {
      int exitCode;
      try {
        exitCode = Dapp.run(commandLine.toArray(String[]::new));
      } catch (RuntimeException | Error failed) {
        exitCode = -1;
      }
      lines.add(exitCode + "\t" + String.join(" ", commandLine));
      Files.write(results, lines);
    }
    // As Dapp.main: a command may leave non-daemon threads (an HTTP connection pool) that would keep the JVM,
    // and with it the writing of the cache, waiting.
    System.exit(0);
  }

  /** The words split at each lone {@code ;}; empty command lines are dropped. */
  static List<List<String>> commandLines(List<String> words) {
    List<List<String>> commandLines = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String word : words) {
      if (word.equals(SEPARATOR)) {
        if (!current.isEmpty()) {
          commandLines.add(List.copyOf(current));
        }
        current = new ArrayList<>();
      } else {
        current.add(word);
      }
    }
    if (!current.isEmpty()) {
      commandLines.add(List.copyOf(current));
    }
    return commandLines;
  }
}
