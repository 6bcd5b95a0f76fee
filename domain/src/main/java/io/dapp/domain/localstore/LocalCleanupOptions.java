package io.dapp.domain.localstore;

/**
 * How a local cleaning command runs.
 *
 * @param dryRun say what would be removed, and remove nothing
 * @param quiet print the summary line only, not one line per reference
 */
public record LocalCleanupOptions(boolean dryRun, boolean quiet) {

  public static final LocalCleanupOptions DEFAULT = new LocalCleanupOptions(false, false);
}
