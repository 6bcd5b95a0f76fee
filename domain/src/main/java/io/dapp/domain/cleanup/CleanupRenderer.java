package io.dapp.domain.cleanup;

/** Presents plans and reports to the user; implemented by the command-line adapter. */
public interface CleanupRenderer {

  /** The plan as a table for people, one tag a line, with a header; ends with a line separator. */
  String table(CleanupPlan plan);

  /** The whole report as one JSON document; ends with a line separator. */
  String json(CleanupReport report);
}
