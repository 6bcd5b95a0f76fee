package io.dapp.domain.dappfile;

import io.dapp.domain.error.UserText;
import io.dapp.domain.image.ImagePaths;
import java.util.Objects;

/**
 * A {@code mount}: a directory of the machine mounted at {@code to} while a shell stage runs, never part of
 * a layer and not part of any signature. {@code build_dir} is kept between builds of the project on this
 * machine (package caches); {@code tmp_dir} is new and empty for each stage.
 */
public record Mount(Kind from, String to) {

  public enum Kind {
    BUILD_DIR("build_dir"),
    TMP_DIR("tmp_dir");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** As the dappfile writes it. */
    public String key() {
      return key;
    }
  }

  public Mount {
    Objects.requireNonNull(from, "'from' must not be null");
    Objects.requireNonNull(to, "'to' must not be null");
    String problem = ImagePaths.absoluteProblem(to);
    if (problem != null) {
      throw new IllegalArgumentException("mount 'to' " + UserText.escape(to) + ": " + problem);
    }
    if (ImagePaths.stripSlashes(to).isEmpty()) {
      throw new IllegalArgumentException("mount 'to' must not be /");
    }
  }

  /** {@code to} relative to the image root. */
  public String targetPath() {
    return ImagePaths.stripSlashes(to);
  }
}
