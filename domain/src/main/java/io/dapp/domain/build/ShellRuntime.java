package io.dapp.domain.build;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.Isolation;
import io.dapp.domain.port.StageRunners;
import io.dapp.domain.usecase.ShellRunOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which isolation a build's shell stages run with, chosen once, when the first stage has to run (a build
 * whose stages are all cached asks nothing of the machine). Auto: the OCI runtime when it can run here,
 * chroot otherwise; {@code --debug} says which and why.
 */
final class ShellRuntime {

  /** The isolation chosen, and the OCI runtime when it is the runtime's. */
  record Choice(Isolation isolation, Optional<Path> ociRuntime) {}

  private final StageRunners runners;
  private final ShellRunOptions options;
  private final Optional<Path> environmentRuntime;
  private final Console console;
  private Choice choice;

  /** @param environmentRuntime {@code DAPP_OCI_RUNTIME}, which {@code --oci-runtime} overrides */
  ShellRuntime(StageRunners runners, ShellRunOptions options, Optional<Path> environmentRuntime, Console console) {
    this.runners = Objects.requireNonNull(runners, "'runners' must not be null");
    this.options = Objects.requireNonNull(options, "'options' must not be null");
    this.environmentRuntime = Objects.requireNonNull(environmentRuntime, "'environmentRuntime' must not be null");
    this.console = Objects.requireNonNull(console, "'console' must not be null");
  }

  Choice choose() throws DappException {
    if (choice == null) {
      choice = decide();
    }
    return choice;
  }

  private Choice decide() throws DappException {
    Optional<Path> runtime = runners.ociRuntime(options.ociRuntime().or(() -> environmentRuntime));
    if (options.isolation().isPresent()) {
      Isolation asked = options.isolation().get();
      Optional<Path> used = asked == Isolation.OCI ? runtime : Optional.empty();
      Optional<String> why = runners.unavailable(asked, used);
      if (why.isPresent()) {
        throw new OperationFailedException("--isolation " + asked.label() + ": " + why.get());
      }
      console.debug("shell stages run with " + describe(asked, used) + " (--isolation " + asked.label() + ")");
      return new Choice(asked, used);
    }
    Optional<String> ociWhy = runners.unavailable(Isolation.OCI, runtime);
    if (ociWhy.isEmpty()) {
      console.debug("shell stages run with " + describe(Isolation.OCI, runtime) + ": it can run containers here");
      return new Choice(Isolation.OCI, runtime);
    }
    Optional<String> chrootWhy = runners.unavailable(Isolation.CHROOT, Optional.empty());
    if (chrootWhy.isPresent()) {
      throw new OperationFailedException("shell stages cannot run here: " + ociWhy.get() + "; and chroot isolation: "
          + chrootWhy.get());
    }
    console.debug("shell stages run with chroot isolation: " + ociWhy.get());
    return new Choice(Isolation.CHROOT, Optional.empty());
  }

  private static String describe(Isolation isolation, Optional<Path> runtime) {
    return isolation == Isolation.OCI ? "the OCI runtime " + runtime.map(Path::toString).orElse("(none)")
        : "chroot isolation";
  }
}
