package io.dapp.domain.tag;

import java.util.List;
import java.util.Objects;

/**
 * The tag options of {@code dimg push} and {@code kube values/deploy}, as given; {@link TagResolver} turns
 * them into tags.
 *
 * @param slugged values of {@code --tag} and {@code --tag-slug}: slugged, scheme custom
 * @param plain values of {@code --tag-plain}: used as they are, scheme custom
 * @param branch {@code --tag-branch}: the git branch, slugged, scheme git_branch
 * @param commit {@code --tag-commit}: the commit id, scheme git_commit
 * @param buildId {@code --tag-build-id}: the CI job id, scheme ci
 * @param ci {@code --tag-ci}: the git tag or branch the CI pipeline runs for, slugged, scheme git_tag or git_branch
 */
public record TagOptions(List<String> slugged, List<String> plain, boolean branch, boolean commit, boolean buildId,
    boolean ci) {

  public TagOptions {
    slugged = List.copyOf(Objects.requireNonNull(slugged, "'slugged' must not be null"));
    plain = List.copyOf(Objects.requireNonNull(plain, "'plain' must not be null"));
  }

  /** Tags given as {@code --tag} gives them: slugged, scheme custom. */
  public static TagOptions custom(String... tags) {
    return new TagOptions(List.of(tags), List.of(), false, false, false, false);
  }

  /** No tag option: the tag is {@code latest}. */
  public static TagOptions none() {
    return new TagOptions(List.of(), List.of(), false, false, false, false);
  }

  public boolean isEmpty() {
    return equals(none());
  }
}
