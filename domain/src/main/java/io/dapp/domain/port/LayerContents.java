package io.dapp.domain.port;

import io.dapp.domain.error.DappException;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a layer's tar holds, entry by entry, read without unpacking it: what the git stages of an image put
 * there, so that a patch is the difference between that and the project now.
 */
public interface LayerContents {

  /**
   * One entry: its path, kind, mode, owner and link target, and for a file both identities of its bytes (so
   * that it compares with a git blob id or a SHA-256, whichever the project knows). A whiteout or opaque
   * marker names the path it deletes or hides.
   */
  record File(String path, LayerEntry.Kind kind, int mode, int uid, int gid, Optional<String> linkTarget, long size,
      Optional<ContentFingerprint> sha256, Optional<ContentFingerprint> gitBlob) {

    public File {
      Objects.requireNonNull(path, "'path' must not be null");
      Objects.requireNonNull(kind, "'kind' must not be null");
      Objects.requireNonNull(linkTarget, "'linkTarget' must not be null");
      Objects.requireNonNull(sha256, "'sha256' must not be null");
      Objects.requireNonNull(gitBlob, "'gitBlob' must not be null");
    }
  }

  /**
   * The entries of {@code layer}'s tar in its order.
   *
   * @throws io.dapp.domain.error.OperationFailedException when the blob cannot be read or is not a tar
   */
  List<File> files(Layer layer, LocalImageStore store) throws DappException;
}
