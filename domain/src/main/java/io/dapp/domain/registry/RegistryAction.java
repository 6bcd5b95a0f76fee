package io.dapp.domain.registry;

/** What dapp was doing with a registry when it failed; the first words of every registry error. */
public enum RegistryAction {
  PING("reach registry"),
  LOGIN("log in to"),
  CHECK_MANIFEST("check manifest"),
  PULL_MANIFEST("pull manifest"),
  PUSH_MANIFEST("push manifest"),
  DELETE_MANIFEST("delete manifest"),
  CHECK_BLOB("check blob"),
  PUSH_BLOB("push blob"),
  PULL_BLOB("pull blob"),
  LIST_TAGS("list tags of");

  private final String verb;

  RegistryAction(String verb) {
    this.verb = verb;
  }

  /** As it reads in a message: {@code pull manifest}. */
  public String verb() {
    return verb;
  }
}
