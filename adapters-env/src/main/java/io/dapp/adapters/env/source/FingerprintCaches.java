package io.dapp.adapters.env.source;

import io.dapp.domain.model.Digests;
import io.dapp.domain.port.Environment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the fingerprints of plain-directory projects are kept between runs: {@code $DAPP_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/dapp}, else {@code $HOME/.cache/dapp}; in its {@code fingerprints} directory, one
 * file per project directory (named by the SHA-256 of its canonical path). Never in the project itself.
 */
public final class FingerprintCaches {

  static final String DIRECTORY_VARIABLE = "DAPP_CACHE_DIR";

  private final Optional<Path> directory;
  private final Clock clock;

  @Inject
  public FingerprintCaches(Environment environment) {
    this(Optional.of(cacheDirectory(Objects.requireNonNull(environment, "'environment' must not be null"))),
        Clock.systemUTC());
  }

  /**
   * @param cacheDirectory dapp's cache directory (its {@code fingerprints} directory is created in it);
   *     empty for no cache at all
   * @param clock tells when a file was listed, to leave out files changed too recently to be trusted
   */
  public FingerprintCaches(Optional<Path> cacheDirectory, Clock clock) {
    this.directory = Objects.requireNonNull(cacheDirectory, "'cacheDirectory' must not be null")
        .map(d -> d.toAbsolutePath().normalize().resolve("fingerprints"));
    this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
  }

  /** No cache: every file of a plain directory is hashed on every run. */
  public static FingerprintCaches none() {
    return new FingerprintCaches(Optional.empty(), Clock.systemUTC());
  }

  private static Path cacheDirectory(Environment environment) {
    Optional<Path> explicit = environment.variable(DIRECTORY_VARIABLE).map(Path::of);
    if (explicit.isPresent()) {
      return explicit.get();
    }
    // The XDG base directory specification ignores a relative XDG_CACHE_HOME.
    Optional<Path> xdg = environment.variable("XDG_CACHE_HOME").map(Path::of).filter(Path::isAbsolute);
    if (xdg.isPresent()) {
      return xdg.get().resolve("dapp");
    }
    Path home = environment.variable("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    return home.resolve(".cache").resolve("dapp");
  }

  /** Where the fingerprint files are; empty when there is no cache. */
  Optional<Path> directory() {
    return directory;
  }

  /** The cache of the project directory {@code root}; one with nothing in it when it cannot be read. */
  FingerprintCache open(Path root) {
    if (directory.isEmpty()) {
      return FingerprintCache.disabled(clock);
    }
    String canonical;
    try {
      canonical = root.toRealPath().toString();
    } catch (IOException e) {
      return FingerprintCache.disabled(clock);
    }
    Path file = directory.get().resolve(Digests.sha256(canonical).hex() + FingerprintCache.SUFFIX);
    return FingerprintCache.load(file, canonical, clock);
  }
}
