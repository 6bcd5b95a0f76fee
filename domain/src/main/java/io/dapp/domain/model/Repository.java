package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository in a registry: {@code registry.example.com/web/backend}. Docker Hub's official images
 * live under {@code library/}, which docker adds to one-component names.
 */
public record Repository(RegistryHost host, String path) {

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final int MAX_NAME_LENGTH = 255;

  public Repository {
    Objects.requireNonNull(host, "'host' must not be null");
    Objects.requireNonNull(path, "'path' must not be null");
    String problem = pathProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses a repository argument such as the REPO of {@code dapp dimg push}: no tag, no digest. */
  public static Repository parse(String text) throws InvalidReferenceException {
    ImageReference reference = ImageReference.parse(text);
    if (reference.tag().isPresent() || reference.digest().isPresent()) {
      throw new InvalidReferenceException(
          "invalid repository " + UserText.quote(text) + ": a repository has no tag or digest");
    }
    return reference.repository();
  }

  static String pathProblem(String path) {
    if (path.isEmpty()) {
      return "repository path must not be empty";
    }
    if (path.length() > MAX_NAME_LENGTH) {
      return "repository path is longer than " + MAX_NAME_LENGTH + " characters";
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        return component.isEmpty()
            ? "repository path has an empty component"
            : "repository path component " + UserText.quote(component) + " must be lower-case letters, digits and separators . _ __ -";
      }
    }
    return null;
  }

  /** A reference to this repository's tag. */
  public ImageReference withTag(String tag) {
    return new ImageReference(this, java.util.Optional.of(tag), java.util.Optional.empty());
  }

  @Override
  public String toString() {
    return host + "/" + path;
  }
}
