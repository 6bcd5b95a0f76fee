package io.dapp.domain.cleanup;

import io.dapp.domain.tag.Slug;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the git repository said, as the pure policy needs it.
 *
 * @param branches local and {@code origin} branch names
 * @param tags git tag names with their dates
 * @param commits the commits that exist, with their times, among those asked about (every git_commit tag)
 * @param shallow whether the clone is shallow, so that a missing commit proves nothing
 */
public record GitFacts(Set<String> branches, Map<String, Instant> tags, Map<String, Instant> commits, boolean shallow) {

  /** For plans with no git-scheme image: nothing was asked. */
  public static final GitFacts NONE = new GitFacts(Set.of(), Map.of(), Map.of(), false);

  public GitFacts {
    branches = Set.copyOf(branches);
    tags = Map.copyOf(tags);
    commits = Map.copyOf(commits);
  }

  /** The branch whose slug is {@code tag}. */
  Optional<String> branchWithSlug(String tag) {
    return branches.stream().filter(branch -> Slug.of(branch).equals(tag)).sorted().findFirst();
  }

  /** The newest date of the git tags whose slug is {@code tag}. */
  Optional<Instant> tagDate(String tag) {
    Map<String, Instant> bySlug = new HashMap<>();
    tags.forEach((name, date) -> bySlug.merge(Slug.of(name), date, (a, b) -> a.isAfter(b) ? a : b));
    return Optional.ofNullable(bySlug.get(tag));
  }

  Optional<Instant> commitTime(String id) {
    return Optional.ofNullable(commits.get(Objects.requireNonNull(id)));
  }
}
