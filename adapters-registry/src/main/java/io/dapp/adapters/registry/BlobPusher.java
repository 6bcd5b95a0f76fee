package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryUnreachableException;
import io.dapp.domain.registry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Puts a blob into a repository with as little traffic as possible: nothing if it is there, a
 * cross-repository mount if another repository of the registry has it, else an upload as {@link BlobUploads}
 * says: by default {@code POST} and a {@code PUT ?digest=} carrying the whole blob; streamed in one
 * {@code PATCH}, or in chunks with {@code Content-Range}, when the registry wants that.
 *
 * <p>Failures within one retry budget: a chunk that broke off is resumed from what the session says it
 * holds ({@code GET} on the session); anything else transient restarts the upload from a new session,
 * unless the blob turns out to have arrived after all.
 */
final class BlobPusher {

  private final RegistryCaller caller;
  private final RetryTools retryTools;
  private final RetryPolicy retryPolicy;
  private final BlobUploads uploads;

  BlobPusher(RegistryCaller caller, RetryTools retryTools, RetryPolicy retryPolicy, BlobUploads uploads) {
    this.caller = caller;
    this.retryTools = retryTools;
    this.retryPolicy = retryPolicy;
    this.uploads = uploads;
  }

  BlobPush push(Repository repository, BlobSource blob, Optional<Repository> mountFrom) throws RegistryException {
    if (exists(repository, blob)) {
      return BlobPush.ALREADY_PRESENT;
    }
    Optional<Repository> source = mountFrom
        .filter(from -> from.host().equals(repository.host()) && !from.path().equals(repository.path()));
    if (source.isPresent() && tryMount(repository, blob, source.get())) {
      return BlobPush.MOUNTED;
    }
    upload(repository, blob);
    return BlobPush.UPLOADED;
  }

  private boolean exists(Repository repository, BlobSource blob) throws RegistryException {
    return caller.call(new BlobHeadEndpoint(repository, blob.digest()));
  }

  /** Any failure of a mount (denied, unknown, unsupported) only means the bytes must be sent. */
  private boolean tryMount(Repository repository, BlobSource blob, Repository source) {
    try {
      return caller.call(new BlobMountEndpoint(repository, blob.digest(), source));
    } catch (RegistryException e) {
      return false;
    }
  }

  private void upload(Repository repository, BlobSource blob) throws RegistryException {
    RetryBudget budget = retryTools.budget(retryPolicy);
    while (true) {
      try (BlobChunks content = new BlobChunks(blob)) {
        uploadOnce(repository, blob, content, budget);
        return;
      } catch (RegistryException e) {
        if (!isTransient(e) || !budget.waitForNextAttempt(Optional.empty())) {
          throw e;
        }
        // The PUT that completes a session may have arrived although its answer did not.
        if (exists(repository, blob)) {
          return;
        }
      } catch (IOException closing) {
        // Only closing the source failed, after the upload had succeeded.
        return;
      }
    }
  }

  private void uploadOnce(Repository repository, BlobSource blob, BlobChunks content, RetryBudget budget)
      throws RegistryException {
    BlobUploadStartEndpoint.Session session = caller.call(new BlobUploadStartEndpoint(repository, blob.digest()));
    URI location;
    switch (uploads.mode()) {
      case MONOLITHIC -> {
        if (caller.call(BlobUploadPutEndpoint.monolithic(repository, session.location(), blob.digest(), content))) {
          return;
        }
        // Not in one request: streamed from a new session (the refused one may hold part of the body),
        // in chunks if the registry refuses that too.
        BlobUploadStartEndpoint.Session fresh = caller.call(new BlobUploadStartEndpoint(repository, blob.digest()));
        location = sendWhole(repository, blob, content, fresh, budget);
      }
      case CHUNKED -> location = sendChunks(repository, blob, content, session, 0, budget);
      default -> location = sendWhole(repository, blob, content, session, budget);
    }
    caller.call(BlobUploadPutEndpoint.finishing(repository, location, blob.digest()));
  }

  /** One PATCH with everything; in chunks from a new session when the registry refuses that. */
  private URI sendWhole(Repository repository, BlobSource blob, BlobChunks content,
      BlobUploadStartEndpoint.Session session, RetryBudget budget) throws RegistryException {
    BlobUploadPatchEndpoint.Outcome outcome =
        caller.call(BlobUploadPatchEndpoint.whole(repository, blob.digest(), session.location(), content));
    if (outcome instanceof BlobUploadPatchEndpoint.Outcome.Refused) {
      // The refused session may hold part of the body: start clean, and learn the registry's chunk size.
      BlobUploadStartEndpoint.Session fresh = caller.call(new BlobUploadStartEndpoint(repository, blob.digest()));
      return sendChunks(repository, blob, content, fresh, 0, budget);
    }
    BlobUploadPatchEndpoint.Outcome.Accepted accepted = (BlobUploadPatchEndpoint.Outcome.Accepted) outcome;
    long held = accepted.held().orElse(blob.size());
    if (held < blob.size() && blob.size() > 0) {
      // The registry kept less than it was sent: send the rest in chunks, from where it stands.
      return sendChunks(repository, blob, content,
          new BlobUploadStartEndpoint.Session(accepted.location(), session.chunkMinLength()), held, budget);
    }
    return accepted.location();
  }

  /**
   * PATCHes with {@code Content-Range} from {@code offset} to the end, each at the Location the previous
   * answer gave and from the byte after the Range it reported; a chunk that broke off is resumed from what
   * the session holds. Returns the Location for the completing PUT.
   */
  private URI sendChunks(Repository repository, BlobSource blob, BlobChunks content,
      BlobUploadStartEndpoint.Session session, long offset, RetryBudget budget) throws RegistryException {
    long chunkSize = uploads.chunkSize(session.chunkMinLength());
    URI location = session.location();
    long sent = offset;
    while (sent < blob.size()) {
      long length = Math.min(chunkSize, blob.size() - sent);
      try {
        BlobUploadPatchEndpoint.Outcome outcome =
            caller.call(BlobUploadPatchEndpoint.chunk(repository, blob.digest(), location, content, sent, length));
        BlobUploadPatchEndpoint.Outcome.Accepted accepted = (BlobUploadPatchEndpoint.Outcome.Accepted) outcome;
        long held = accepted.held().orElse(sent + length);
        if (held <= sent || held > sent + length) {
          throw new RegistryResponseException(io.dapp.domain.registry.RegistryAction.PUSH_BLOB, repository.host(), repository,
              "@" + blob.digest(), 202, "the registry took bytes " + UploadRange.contentRange(sent, length)
                  + " but says it holds 0-" + (held - 1));
        }
        location = accepted.location();
        sent = held;
      } catch (RegistryException e) {
        if (!isTransient(e) || !budget.waitForNextAttempt(Optional.empty())) {
          throw e;
        }
        // Ask the session what arrived; when it cannot say (Distribution refuses a Location whose state
        // no longer matches what it holds), the whole upload restarts from a new session.
        BlobUploadStatusEndpoint.Status status;
        try {
          status = caller.call(new BlobUploadStatusEndpoint(repository, blob.digest(), location));
        } catch (RegistryException unknown) {
          e.addSuppressed(unknown);
          throw e;
        }
        location = status.location();
        sent = Math.min(status.held(), blob.size());
      }
    }
    return location;
  }

  private static boolean isTransient(RegistryException e) {
    if (e instanceof RegistryUnreachableException) {
      return true;
    }
    return e instanceof RegistryResponseException response && response.status().isPresent()
        && RetryBudget.TRANSIENT_STATUSES.contains(response.status().getAsInt());
  }
}
