package io.dapp.domain.cleanup;

/** What a tag in the registry is, by its labels. */
public enum ImageKind {
  /** A dimg image: label {@code dapp-dimg=true}. */
  DIMG,
  /** A stage: label {@code dapp-dimg=false} and a {@code dimgstage-} tag. */
  STAGE,
  /** Anything else; no policy ever deletes it. */
  OTHER
}
