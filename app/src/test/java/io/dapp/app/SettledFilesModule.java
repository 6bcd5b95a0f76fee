package io.dapp.app;

import dagger.Module;
import dagger.Provides;
import io.dapp.adapters.env.source.FingerprintCaches;
import io.dapp.domain.port.Environment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The fingerprint cache where dapp keeps it ({@code $DAPP_CACHE_DIR} of the test's environment), with a
 * clock a minute ahead: files a test wrote a moment ago count as settled, so the cache learns them at once
 * instead of after the seconds a real run waits.
 */
@Module
interface SettledFilesModule {

  @Provides
  static FingerprintCaches fingerprintCaches(Environment environment) {
    return new FingerprintCaches(Optional.of(Path.of(environment.variable("DAPP_CACHE_DIR").orElseThrow())),
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
  }
}
