package io.dapp.domain.build;

import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import java.util.Optional;

/**
 * The numeric owner of a git entry's files. Numbers are used as they are; {@code root} is 0; other names
 * are looked up in the base image's {@code /etc/passwd} and {@code /etc/group}. Without {@code group}, the
 * group is the owner's primary group (for a numeric owner, the same number, as {@code COPY --chown} does).
 */
record Ownership(int uid, int gid) {

  static final Ownership ROOT = new Ownership(0, 0);

  /** The users of the image a stage builds on, read when asked. */
  @FunctionalInterface
  interface Users {
    UserDatabase get() throws OperationFailedException;
  }

  /** {@code users} is asked only when a name must be looked up: reading it means reading base layers. */
  static Ownership of(GitMapping mapping, Users users, String subject)
      throws InvalidInputException, OperationFailedException {
    return of(mapping.owner(), mapping.group(), users, subject).orElse(ROOT);
  }

  /**
   * The owner {@code owner} and {@code group} name, as for a git entry; empty when neither is given (an
   * import then keeps the artifact's owners).
   */
  static Optional<Ownership> of(Optional<String> ownerName, Optional<String> groupName, Users users, String subject)
      throws InvalidInputException, OperationFailedException {
    if (ownerName.isEmpty() && groupName.isEmpty()) {
      return Optional.empty();
    }
    int uid = 0;
    int primaryGid = 0;
    if (ownerName.isPresent()) {
      String owner = ownerName.get();
      if (isNumber(owner)) {
        uid = Integer.parseInt(owner);
        primaryGid = uid;
      } else if (!owner.equals("root")) {
        UserDatabase.User user = users.get().user(owner)
            .orElseThrow(() -> new InvalidInputException(subject + ": owner '" + owner
                + "' is not a user of the base image (/etc/passwd); use a numeric id"));
        uid = user.uid();
        primaryGid = user.gid();
      }
    }
    int gid = primaryGid;
    if (groupName.isPresent()) {
      String group = groupName.get();
      if (isNumber(group)) {
        gid = Integer.parseInt(group);
      } else if (group.equals("root")) {
        gid = 0;
      } else {
        gid = users.get().group(group)
            .orElseThrow(() -> new InvalidInputException(subject + ": group '" + group
                + "' is not a group of the base image (/etc/group); use a numeric id"));
      }
    }
    return Optional.of(new Ownership(uid, gid));
  }

  private static boolean isNumber(String value) {
    return !value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10;
  }

  /** As progress lines show it: {@code app}, {@code app:web}, {@code :web}. */
  static Optional<String> describe(GitMapping mapping) {
    return describe(mapping.owner(), mapping.group());
  }

  static Optional<String> describe(Optional<String> owner, Optional<String> group) {
    return owner.map(o -> o + group.map(g -> ":" + g).orElse("")).or(() -> group.map(g -> ":" + g));
  }
}
