package io.dapp.domain.model;

import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference in docker's grammar, {@code [host[:port]/]path[:tag][@digest]}. The first component
 * is a registry host only when it looks like one (a dot, a port, or {@code localhost}); otherwise the image
 * is on Docker Hub, as docker decides.
 */
public record ImageReference(Repository repository, Optional<String> tag, Optional<Digest> digest) {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public ImageReference {
    Objects.requireNonNull(repository, "'repository' must not be null");
    Objects.requireNonNull(tag, "'tag' must not be null");
    Objects.requireNonNull(digest, "'digest' must not be null");
    tag.ifPresent(t -> {
      if (!TAG.matcher(t).matches()) {
        throw new IllegalArgumentException(UserText.quote(t) + " is not a valid tag");
      }
    });
  }

  public static ImageReference parse(String text) throws InvalidReferenceException {
    Objects.requireNonNull(text, "'text' must not be null");
    if (text.isEmpty()) {
      throw new InvalidReferenceException("invalid image reference '': it is empty");
    }
    String rest = text;
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(Digest.parse(rest.substring(at + 1)));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String candidate = rest.substring(colon + 1);
      if (!TAG.matcher(candidate).matches()) {
        throw new InvalidReferenceException("invalid image reference " + UserText.quote(text) + ": tag " + UserText.quote(candidate)
            + " must be 1-128 letters, digits, _ . - and not start with . or -");
      }
      tag = Optional.of(candidate);
      rest = rest.substring(0, colon);
    }
    RegistryHost host = RegistryHost.DOCKER_HUB;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      // Host names are case-insensitive; docker accepts upper case there and nowhere else.
      String first = rest.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        if (!RegistryHost.isValid(first)) {
          throw new InvalidReferenceException("invalid image reference " + UserText.quote(text) + ": " + UserText.quote(first)
              + " is not a registry host");
        }
        host = new RegistryHost(first);
        path = rest.substring(slash + 1);
      }
    }
    if (host.isDockerHub() && !path.contains("/")) {
      path = "library/" + path;
    }
    String problem = Repository.pathProblem(path);
    if (problem != null) {
      throw new InvalidReferenceException("invalid image reference " + UserText.quote(text) + ": " + problem);
    }
    return new ImageReference(new Repository(host, path), tag, digest);
  }

  public RegistryHost host() {
    return repository.host();
  }

  @Override
  public String toString() {
    return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
