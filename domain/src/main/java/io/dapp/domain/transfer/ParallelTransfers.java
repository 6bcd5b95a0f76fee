package io.dapp.domain.transfer;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.registry.TransferJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the transfers of one image's blobs, at most {@link TransferJobs} at a time, and returns when every
 * one has ended. The first failure cancels the rest: those not started never start, running ones are
 * interrupted and see {@link Cancellation#cancelled()} (a transfer's progress callback throws), and once all
 * have stopped the first failure is thrown. So nothing that follows (a manifest PUT, a manifest written to
 * the store) happens unless every blob arrived.
 */
public final class ParallelTransfers {

  /** One blob's transfer; {@code cancellation} tells it to stop early. */
  @FunctionalInterface
  public interface Job<T> {
    T run(Cancellation cancellation) throws DappException;
  }

  /** Set once the first job failed; jobs check it as their bytes move. */
  public static final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public boolean cancelled() {
      return cancelled.get();
    }

    /** @throws CancellationException when another transfer failed */
    public void check() {
      if (cancelled.get()) {
        throw new CancellationException("another transfer of this image failed");
      }
    }

    void cancel() {
      cancelled.set(true);
    }
  }

  private final TransferJobs jobs;

  public ParallelTransfers(TransferJobs jobs) {
    this.jobs = Objects.requireNonNull(jobs, "'jobs' must not be null");
  }

  /** Runs every job and returns their results in the order of {@code all}. */
  public <T> List<T> run(List<Job<T>> all) throws DappException {
    Cancellation cancellation = new Cancellation();
    int threads = Math.min(jobs.count(), all.size());
    if (threads <= 1) {
      // One at a time on the caller's thread: a failure simply stops the loop.
      List<T> results = new ArrayList<>(all.size());
      for (Job<T> job : all) {
        results.add(job.run(cancellation));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory());
    try {
      return runOn(pool, all, cancellation);
    } finally {
      pool.shutdownNow();
    }
  }

  private <T> List<T> runOn(ExecutorService pool, List<Job<T>> all, Cancellation cancellation) throws DappException {
    ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(pool);
    List<Future<T>> futures = new ArrayList<>(all.size());
    for (Job<T> job : all) {
      futures.add(completion.submit(() -> job.run(cancellation)));
    }
    Throwable failure = null;
    try {
      for (int done = 0; done < all.size() && failure == null; done++) {
        Future<T> finished = completion.take();
        try {
          finished.get();
        } catch (ExecutionException e) {
          failure = e.getCause();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new OperationFailedException("interrupted while blobs were being transferred", e);
    }
    if (failure != null) {
      cancellation.cancel();
      futures.forEach(future -> future.cancel(true));
      awaitStopped(pool);
      throw rethrow(failure);
    }
    List<T> results = new ArrayList<>(all.size());
    for (Future<T> future : futures) {
      results.add(completed(future));
    }
    return results;
  }

  /** The result of a job that has succeeded (every job has, when this is asked). */
  private static <T> T completed(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("a transfer that succeeded has no result", e);
    }
  }

  /** Running jobs finish their current read or write and stop; the caller learns of the failure after that. */
  private static void awaitStopped(ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true; // keep waiting: a job must not outlive the caller's clean-up
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static DappException rethrow(Throwable failure) {
    if (failure instanceof DappException dapp) {
      return dapp;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new OperationFailedException("a transfer failed: " + failure, failure);
  }

  private static ThreadFactory threadFactory() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "dapp-transfer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
