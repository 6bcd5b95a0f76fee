package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dimg's {@code shell}: the commands of each user stage, in order, and the cache versions that rebuild
 * them when changed ({@code cacheVersion} for every stage, {@code installCacheVersion} for one). A stage
 * without commands is no stage at all: it adds no layer and no image, whatever its cache version.
 */
public record ShellStages(Map<UserStage, List<String>> commands, Optional<String> cacheVersion,
    Map<UserStage, String> stageCacheVersions) {

  public static final ShellStages NONE = new ShellStages(Map.of(), Optional.empty(), Map.of());

  public ShellStages {
    Objects.requireNonNull(cacheVersion, "'cacheVersion' must not be null");
    EnumMap<UserStage, List<String>> copied = new EnumMap<>(UserStage.class);
    commands.forEach((stage, list) -> {
      List<String> lines = List.copyOf(list);
      for (String command : lines) {
        if (command.isBlank()) {
          throw new IllegalArgumentException("'" + stage.key() + "' has an empty command");
        }
        if (command.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("'" + stage.key() + "' has a command with a NUL character: "
              + UserText.quote(command));
        }
      }
      if (!lines.isEmpty()) {
        copied.put(stage, lines);
      }
    });
    commands = Map.copyOf(copied);
    stageCacheVersions = Map.copyOf(stageCacheVersions);
  }

  /** The commands of {@code stage}, in order; empty when the stage is not built. */
  public List<String> commands(UserStage stage) {
    return commands.getOrDefault(stage, List.of());
  }

  /** The cache version of {@code stage} itself ({@code installCacheVersion}), if given. */
  public Optional<String> stageCacheVersion(UserStage stage) {
    return Optional.ofNullable(stageCacheVersions.get(stage));
  }

  public boolean isEmpty() {
    return commands.isEmpty();
  }
}
