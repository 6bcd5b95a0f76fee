package io.dapp.domain.usecase;

/**
 * What one phase of a command did, as a value: the command line renders it, an embedding program reads it.
 * Each work returns its own record ({@code BuildResult}, {@code PushResult}, {@code CleanupReport}...).
 */
public interface WorkResult {

  /** The result of a work that has nothing to tell beyond having succeeded. */
  WorkResult DONE = new WorkResult() {
    @Override
    public String toString() {
      return "DONE";
    }
  };
}
