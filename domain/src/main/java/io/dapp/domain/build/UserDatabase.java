package io.dapp.domain.build;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users and groups of a base image, read from its {@code /etc/passwd} and {@code /etc/group}: how an
 * {@code owner: app} becomes the numeric id a layer records (the container sees ids, not names).
 */
public final class UserDatabase {

  /** A user's id and primary group id. */
  public record User(int uid, int gid) {}

  public static final UserDatabase EMPTY = new UserDatabase(Map.of(), Map.of());

  private final Map<String, User> users;
  private final Map<String, Integer> groups;

  private UserDatabase(Map<String, User> users, Map<String, Integer> groups) {
    this.users = Map.copyOf(users);
    this.groups = Map.copyOf(groups);
  }

  /** Parses passwd ({@code name:x:uid:gid:...}) and group ({@code name:x:gid:...}); malformed lines are skipped. */
  public static UserDatabase parse(Optional<byte[]> passwd, Optional<byte[]> group) {
    Map<String, User> users = new HashMap<>();
    passwd.ifPresent(content -> lines(content, fields -> {
      if (fields.length >= 4) {
        users.putIfAbsent(fields[0], new User(Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
      }
    }));
    Map<String, Integer> groups = new HashMap<>();
    group.ifPresent(content -> lines(content, fields -> {
      if (fields.length >= 3) {
        groups.putIfAbsent(fields[0], Integer.parseInt(fields[2]));
      }
    }));
    return new UserDatabase(users, groups);
  }

  private interface LineHandler {
    void handle(String[] fields);
  }

  private static void lines(byte[] content, LineHandler handler) {
    new String(content, StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split(":", -1))
        .forEach(fields -> {
          try {
            handler.handle(fields);
          } catch (NumberFormatException e) {
            // a line with a non-numeric id is not one docker would use either
          }
        });
  }

  public Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  public Optional<Integer> group(String name) {
    return Optional.ofNullable(groups.get(name));
  }
}
