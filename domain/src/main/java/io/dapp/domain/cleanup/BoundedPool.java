package io.dapp.domain.cleanup;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registry requests of cleanup in flight at once, at most {@code parallelism}: the reads, then the deletes. A
 * thousand tags one after another wait a thousand round trips; all at once would overrun the registry.
 */
final class BoundedPool implements AutoCloseable {

  private final ExecutorService pool;
  private final String interrupted;

  /** @param interrupted the message when the command is interrupted while waiting */
  BoundedPool(int parallelism, String threadName, String interrupted) {
    this.interrupted = interrupted;
    if (parallelism < 1) {
      throw new IllegalArgumentException("'parallelism' must be positive");
    }
    AtomicInteger threads = new AtomicInteger();
    pool = Executors.newFixedThreadPool(parallelism, runnable -> {
      Thread thread = new Thread(runnable, threadName + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts every task; their futures, in the order of the tasks. */
  <T> List<Future<T>> submitAll(List<Callable<T>> tasks) {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(task));
    }
    return futures;
  }

  /** Runs every task; the results in the order of the tasks. The first failure cancels the rest and is thrown. */
  <T> List<T> runAll(List<Callable<T>> tasks) throws DappException {
    List<Future<T>> futures = submitAll(tasks);
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(await(future, futures));
    }
    return results;
  }

  /** The result of one task; its failure, translated, after cancelling {@code all}. */
  <T> T await(Future<T> future, List<? extends Future<?>> all) throws DappException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      all.forEach(f -> f.cancel(true));
      throw new OperationFailedException(interrupted, e);
    } catch (ExecutionException e) {
      all.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof DappException dapp) {
        throw dapp;
      }
      if (cause instanceof IOException io) {
        throw new OperationFailedException("cannot read an image config: " + io.getMessage(), io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
