package io.dapp.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/** Production classes only: not test-classes directories, not the domain's test jar of fakes. */
final class TestClassesExcluded implements ImportOption {

  @Override
  public boolean includes(Location location) {
    return !location.contains("/test-classes/") && !location.contains("-tests.jar");
  }
}
