package io.dapp.adapters.cli;

import java.io.IOException;
import java.io.InputStream;

/** Standard input, behind an interface so that tests feed {@code --registry-password-stdin} without a process. */
@FunctionalInterface
public interface StandardInput {

  InputStream open() throws IOException;

  /** The process's standard input, left open for whoever reads it next. */
  static StandardInput system() {
    return () -> new java.io.FilterInputStream(System.in) {
      @Override
      public void close() {
        // System.in belongs to the process, not to one reader.
      }
    };
  }
}
