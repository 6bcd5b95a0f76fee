package io.dapp.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every parser of hostile input must do, whatever it is given: finish within a bound, and either
 * return or throw one of the exceptions the user is shown (the domain's), with a one-line message — never
 * another exception, which would surface as an internal error or a stack trace, and never a hang.
 */
public final class HostileInput {

  /**
   * A parse of one input may take this long at most; a regular expression that backtracks takes minutes.
   * Generous, because a parse of milliseconds took over 2 s on a machine loaded fifteen times over.
   */
  public static final Duration BOUND = Duration.ofSeconds(10);

  private static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "hostile-input");
    thread.setDaemon(true);
    return thread;
  });

  private HostileInput() {}

  /**
   * Runs {@code parse} and checks what it did; returns its result, or empty when it threw one of
   * {@code allowed} with a one-line message.
   */
  @SafeVarargs
  public static <T> Optional<T> parse(Callable<T> parse, Class<? extends Exception>... allowed) {
    return parse(BOUND, parse, allowed);
  }

  /** As {@link #parse(Callable, Class[])}, for work that takes longer: a request to a server, say. */
  @SafeVarargs
  public static <T> Optional<T> parse(Duration bound, Callable<T> parse, Class<? extends Exception>... allowed) {
    Future<T> future = THREADS.submit(parse);
    try {
      return Optional.ofNullable(future.get(bound.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail("did not finish within " + bound);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (Arrays.stream(allowed).noneMatch(type -> type.isInstance(thrown))) {
        throw new AssertionError("threw " + thrown.getClass().getName() + " (not one of "
            + Arrays.toString(allowed) + "): " + thrown.getMessage(), thrown);
      }
      assertOneLine(thrown.getMessage());
      return Optional.empty();
    }
  }

  /** A message a user reads in one line: present, and without line breaks or other control characters. */
  public static void assertOneLine(String message) {
    assertThat(message).as("an error message").isNotBlank();
    assertThat(message.chars().filter(io.dapp.domain.error.UserText::breaksTheLine).toArray())
        .as("control characters in the message: " + io.dapp.domain.error.UserText.escape(message)).isEmpty();
  }
}
