package io.dapp.domain.cleanup;

public enum Decision {
  DELETE("delete"),
  KEEP("keep");

  private final String word;

  Decision(String word) {
    this.word = word;
  }

  @Override
  public String toString() {
    return word;
  }
}
