package io.dapp.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** dapp's production classes, imported once per test JVM: the import is the slow part of these tests. */
final class ProductionClasses {

  private static JavaClasses imported;

  private ProductionClasses() {}

  static synchronized JavaClasses get() {
    if (imported == null) {
      imported = new ClassFileImporter().withImportOption(new TestClassesExcluded()).importPackages("io.dapp");
    }
    return imported;
  }
}
