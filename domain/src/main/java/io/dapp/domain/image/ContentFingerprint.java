package io.dapp.domain.image;

import io.dapp.domain.error.UserText;
import io.dapp.domain.model.Digest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An identity of a file's exact bytes that a project source may know without reading them, and which kind
 * of identity it is: git's blob id from a commit's tree, or a SHA-256 remembered from an earlier read. Two
 * fingerprints are equal only when they are of the same kind, so {@link #toString} names both.
 */
public record ContentFingerprint(Kind kind, String hex) {

  /** The kinds of identity; each names the bytes exactly (a different byte gives a different identity). */
  public enum Kind {
    /** The SHA-256 of the bytes: written as a digest is, {@code sha256:<hex>}, the same as hashing them. */
    SHA256("sha256", Pattern.compile("[0-9a-f]{64}")),
    /** Git's object id of the bytes as a blob: SHA-1 of {@code "blob <size>\0"} and the bytes. */
    GIT_BLOB_SHA1("git-blob-sha1", Pattern.compile("[0-9a-f]{40}"));

    private final String label;
    private final Pattern hex;

    Kind(String label, Pattern hex) {
      this.label = label;
      this.hex = hex;
    }
  }

  public ContentFingerprint {
    Objects.requireNonNull(kind, "'kind' must not be null");
    Objects.requireNonNull(hex, "'hex' must not be null");
    if (!kind.hex.matcher(hex).matches()) {
      throw new IllegalArgumentException(UserText.quote(hex) + " is not a " + kind.label + " in lower-case hex");
    }
  }

  /** The SHA-256 of the bytes, as hashing them gives it. */
  public static ContentFingerprint sha256(Digest digest) {
    Objects.requireNonNull(digest, "'digest' must not be null");
    if (!digest.algorithm().equals("sha256")) {
      throw new IllegalArgumentException("a content fingerprint digest must be sha256, not " + digest.algorithm());
    }
    return new ContentFingerprint(Kind.SHA256, digest.hex());
  }

  /** Git's id of the bytes as a blob (40 hex digits, as a commit's tree names them). */
  public static ContentFingerprint gitBlob(String objectId) {
    return new ContentFingerprint(Kind.GIT_BLOB_SHA1, objectId);
  }

  /** {@code kind:hex}; a SHA-256 reads exactly as the {@link Digest} of the bytes. */
  @Override
  public String toString() {
    return kind.label + ":" + hex;
  }
}
