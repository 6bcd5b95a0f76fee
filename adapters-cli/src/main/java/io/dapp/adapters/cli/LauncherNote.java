package io.dapp.adapters.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * What the launcher ({@code app/bin/dapp}) says about how it started this JVM: which java and why, which
 * start-up cache (an AOT cache on JDK 25 and later, a class-data-sharing archive before) or why none. The
 * launcher passes it as the system property {@value #PROPERTY}; {@code --debug} prints it first. A JVM
 * started otherwise ({@code java -jar}, a test) has none.
 */
public record LauncherNote(Optional<String> text) {

  /** The system property the launcher sets. */
  public static final String PROPERTY = "dapp.launcher";

  public static final LauncherNote NONE = new LauncherNote(Optional.empty());

  public LauncherNote {
    Objects.requireNonNull(text, "'text' must not be null");
  }

  /** The note of a property's value; none for a missing or blank one. */
  public static LauncherNote of(String propertyValue) {
    return new LauncherNote(Optional.ofNullable(propertyValue).filter(value -> !value.isBlank()));
  }

  /** The line {@code --debug} prints, when there is a note. */
  public Optional<String> debugLine() {
    return text.map(note -> "launcher: " + note);
  }
}
