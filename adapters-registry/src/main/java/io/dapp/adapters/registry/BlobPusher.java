package io.dapp.adapters.registry;

import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RegistryUnreachableException;
import io.dapp.domain.registry.RetryPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * Puts a blob into a repository with as little traffic as possible: nothing if it is there, a
 * cross-repository mount if another repository of the registry has it, else an upload (POST, then one PUT
 * streaming the bytes). An upload that fails transiently is restarted from a new session.
 */
final class BlobPusher {

  private final RegistryCaller caller;
  private final RetryTools retryTools;
  private final RetryPolicy retryPolicy;

  BlobPusher(RegistryCaller caller, RetryTools retryTools, RetryPolicy retryPolicy) {
    this.caller = caller;
    this.retryTools = retryTools;
    this.retryPolicy = retryPolicy;
  }

  BlobPush push(Repository repository, BlobSource blob, Optional<Repository> mountFrom) throws RegistryException {
    if (caller.call(new BlobHeadEndpoint(repository, blob.digest()))) {
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
      try {
        URI location = caller.call(new BlobUploadStartEndpoint(repository, blob.digest()));
        caller.call(new BlobUploadPutEndpoint(repository, location, blob));
        return;
      } catch (RegistryUnreachableException e) {
        if (!budget.waitForNextAttempt(Optional.empty())) {
          throw e;
        }
      } catch (RegistryResponseException e) {
        boolean transientStatus = e.status().isPresent()
            && RetryBudget.TRANSIENT_STATUSES.contains(e.status().getAsInt());
        if (!transientStatus || !budget.waitForNextAttempt(Optional.empty())) {
          throw e;
        }
      }
    }
  }
}
