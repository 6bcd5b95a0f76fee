package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code docker} directives of a dimg: the image config dapp writes on top of the base image's.
 * Maps keep the dappfile's order (ENV entries are set in that order, as docker would).
 */
public record DockerInstructions(
    Optional<String> workdir,
    Optional<String> user,
    Map<String, String> env,
    Map<String, String> labels,
    List<String> expose,
    List<String> volumes,
    Optional<List<String>> entrypoint,
    Optional<List<String>> cmd) {

  /** Labels dapp sets itself; cleanup and push read them, so a dappfile may not. */
  public static final Set<String> RESERVED_LABELS = Set.of("dapp", "dapp-dimg", "dapp-tag-scheme");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}(?:/(?:tcp|udp|sctp))?");

  public static final DockerInstructions NONE = new DockerInstructions(Optional.empty(), Optional.empty(), Map.of(),
      Map.of(), List.of(), List.of(), Optional.empty(), Optional.empty());

  public DockerInstructions {
    Objects.requireNonNull(workdir, "'workdir' must not be null");
    Objects.requireNonNull(user, "'user' must not be null");
    env = unmodifiableCopy(env);
    labels = unmodifiableCopy(labels);
    expose = List.copyOf(expose);
    volumes = List.copyOf(volumes);
    entrypoint = entrypoint.map(List::copyOf);
    cmd = cmd.map(List::copyOf);
    workdir.ifPresent(w -> {
      if (!w.startsWith("/")) {
        throw new IllegalArgumentException("WORKDIR " + UserText.quote(w) + " must be absolute");
      }
    });
    for (String name : env.keySet()) {
      if (!ENV_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("ENV name " + UserText.quote(name) + " must be letters, digits and _");
      }
    }
    for (String label : labels.keySet()) {
      if (label.isEmpty() || RESERVED_LABELS.contains(label)) {
        throw new IllegalArgumentException("LABEL " + UserText.quote(label) + " is " + (label.isEmpty() ? "empty" : "set by dapp"));
      }
    }
    for (String port : expose) {
      if (!PORT.matcher(port).matches()) {
        throw new IllegalArgumentException("EXPOSE " + UserText.quote(port) + " must be PORT or PORT/PROTOCOL (tcp, udp or sctp)");
      }
    }
    for (String volume : volumes) {
      if (!volume.startsWith("/")) {
        throw new IllegalArgumentException("VOLUME " + UserText.quote(volume) + " must be absolute");
      }
    }
  }

  private static Map<String, String> unmodifiableCopy(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * The directives as one canonical text, for the stage signature: every directive in a fixed order, every
   * value quoted, so that no two different instructions give the same text.
   */
  public String canonical() {
    StringBuilder text = new StringBuilder();
    workdir.ifPresent(w -> line(text, "WORKDIR", List.of(w)));
    user.ifPresent(u -> line(text, "USER", List.of(u)));
    env.forEach((k, v) -> line(text, "ENV", List.of(k, v)));
    labels.forEach((k, v) -> line(text, "LABEL", List.of(k, v)));
    expose.forEach(p -> line(text, "EXPOSE", List.of(p)));
    volumes.forEach(v -> line(text, "VOLUME", List.of(v)));
    entrypoint.ifPresent(e -> line(text, "ENTRYPOINT", e));
    cmd.ifPresent(c -> line(text, "CMD", c));
    return text.toString();
  }

  private static void line(StringBuilder text, String directive, List<String> values) {
    text.append(directive);
    for (String value : values) {
      text.append(' ').append(quote(value));
    }
    text.append('\n');
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
