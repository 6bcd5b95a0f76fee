package io.dapp.domain.usecase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The options only some commands have ({@code --tag...} for push and deploy, {@code --namespace} for
 * deploy...), each group a small record, at most one record per type. A command's work asks for the
 * records it understands and applies its own defaults when one is absent; adding a command's options
 * needs no change here nor in {@link CommandInvocation}.
 */
public final class CommandOptions {

  private static final CommandOptions NONE = new CommandOptions(Map.of());

  private final Map<Class<?>, Object> byType;

  private CommandOptions(Map<Class<?>, Object> byType) {
    this.byType = byType;
  }

  public static CommandOptions none() {
    return NONE;
  }

  /** @throws IllegalArgumentException when two records have the same type */
  public static CommandOptions of(Object... records) {
    Map<Class<?>, Object> byType = new LinkedHashMap<>();
    for (Object record : records) {
      Objects.requireNonNull(record, "an options record must not be null");
      if (byType.put(record.getClass(), record) != null) {
        throw new IllegalArgumentException("two options records of type " + record.getClass().getSimpleName());
      }
    }
    return new CommandOptions(Map.copyOf(byType));
  }

  /** These options plus {@code record}, which replaces one of its type. */
  public CommandOptions with(Object record) {
    Objects.requireNonNull(record, "an options record must not be null");
    Map<Class<?>, Object> byType = new LinkedHashMap<>(this.byType);
    byType.put(record.getClass(), record);
    return new CommandOptions(Map.copyOf(byType));
  }

  public <T> Optional<T> find(Class<T> type) {
    Objects.requireNonNull(type, "'type' must not be null");
    return Optional.ofNullable(byType.get(type)).map(type::cast);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CommandOptions options && options.byType.equals(byType);
  }

  @Override
  public int hashCode() {
    return byType.hashCode();
  }

  @Override
  public String toString() {
    return byType.values().stream().map(Object::toString).collect(Collectors.joining(", ", "CommandOptions[", "]"));
  }
}
