package io.dapp.domain.port;

import io.dapp.domain.error.UserText;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the project's git work tree has checked out.
 *
 * @param branch the branch's short name ({@code feature/login}); empty when HEAD is detached
 * @param commit the full id of the commit HEAD points at
 */
public record GitHead(Optional<String> branch, String commit) {

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  public GitHead {
    Objects.requireNonNull(branch, "'branch' must not be null");
    Objects.requireNonNull(commit, "'commit' must not be null");
    if (!COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException(UserText.quote(commit) + " is not a full commit id");
    }
  }
}
