package io.dapp.domain.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.registry.TransferJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTransfersTest {

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  /** Counts itself in, waits until {@code together} jobs are in at once, counts itself out. */
  private ParallelTransfers.Job<Integer> meeting(int result, CountDownLatch together) {
    return cancellation -> {
      mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        together.countDown();
        if (!together.await(20, TimeUnit.SECONDS)) {
          throw new AssertionError("fewer jobs than expected ran at once");
        }
        return result;
      } catch (InterruptedException e) {
        throw new OperationFailedException("interrupted");
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }

  @Test
  void runsAsManyJobsAtOnceAsItMay_andNoMore_returningResultsInOrder() throws Exception {
    CountDownLatch three = new CountDownLatch(3);
    List<ParallelTransfers.Job<Integer>> jobs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      jobs.add(meeting(i, three));
    }

    List<Integer> results = new ParallelTransfers(new TransferJobs(3)).run(jobs);

    assertThat(results).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(mostAtOnce).as("three met, so three ran at once; a fourth never ran beside them").hasValue(3);
  }

  @Test
  void oneJobAtATime_runsOnTheCallersThread() throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<ParallelTransfers.Job<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = "job" + i;
      jobs.add(cancellation -> {
        threads.add(Thread.currentThread());
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        inFlight.decrementAndGet();
        return name;
      });
    }

    assertThat(new ParallelTransfers(TransferJobs.SEQUENTIAL).run(jobs)).containsExactly("job0", "job1", "job2");
    assertThat(threads).containsExactly(Thread.currentThread());
    assertThat(mostAtOnce).hasValue(1);
  }

  @Test
  void theFirstFailure_cancelsTheOthers_andIsThrownOnlyOnceEveryRunningJobHasStopped() {
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicInteger stoppedByCancellation = new AtomicInteger();
    List<ParallelTransfers.Job<String>> jobs = new ArrayList<>();
    jobs.add(cancellation -> {
      inFlight.incrementAndGet();
      slowStarted.countDown();
      try {
        // a long download: it moves on until told to stop
        while (!cancellation.cancelled()) {
          Thread.onSpinWait();
        }
        stoppedByCancellation.incrementAndGet();
        cancellation.check();
        return "never";
      } finally {
        inFlight.decrementAndGet();
      }
    });
    jobs.add(cancellation -> {
      try {
        slowStarted.await();
      } catch (InterruptedException e) {
        throw new OperationFailedException("interrupted");
      }
      throw new OperationFailedException("push blob registry.example.com/app@sha256:1: connection reset");
    });
    for (int i = 0; i < 4; i++) {
      jobs.add(cancellation -> {
        cancellation.check(); // a job that starts after the failure stops at once
        return "queued";
      });
    }

    assertThatThrownBy(() -> new ParallelTransfers(new TransferJobs(2)).run(jobs))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("push blob registry.example.com/app@sha256:1: connection reset");
    assertThat(inFlight).as("no job still runs when the failure is reported").hasValue(0);
    assertThat(stoppedByCancellation).hasValue(1);
  }

  @Test
  void noJobs_isNothingToDo() throws Exception {
    assertThat(new ParallelTransfers(TransferJobs.DEFAULT).run(List.<ParallelTransfers.Job<String>>of())).isEmpty();
  }
}
