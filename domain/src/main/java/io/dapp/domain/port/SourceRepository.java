package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What cleanup asks the project's git repository: which branches, tags and commits exist, and when. */
public interface SourceRepository extends AutoCloseable {

  /** Local branches and the branches of the {@code origin} remote, by short name ({@code feature/x}). */
  Set<String> branches() throws OperationFailedException;

  /** Every tag by name, with its date: the tagger's for an annotated tag, else its commit's. */
  Map<String, Instant> tags() throws OperationFailedException;

  /** The commit time of the commit with this full id; empty when the repository has no such commit. */
  Optional<Instant> commitTime(String commitId) throws OperationFailedException;

  /** A shallow clone lacks old commits, so a missing commit proves nothing. */
  boolean isShallow();

  @Override
  void close();
}
