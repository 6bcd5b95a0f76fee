package io.dapp.domain.tag;

/**
 * Where a tag's value came from; pushed images carry it in the {@code dapp-tag-scheme} label, and cleanup
 * decides by it: git schemes follow the git repository, {@code custom} and {@code ci} are never touched.
 */
public enum TagScheme {
  GIT_TAG("git_tag"),
  GIT_BRANCH("git_branch"),
  GIT_COMMIT("git_commit"),
  CUSTOM("custom"),
  CI("ci");

  private final String label;

  TagScheme(String label) {
    this.label = label;
  }

  /** The value of the {@code dapp-tag-scheme} label. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
