package io.dapp.domain.cleanup;

import io.dapp.domain.image.DappLabels;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds registry images for policy tables: {@code REPO/backend:tag} dimg images and {@code REPO:dimgstage-x} stages. */
final class Images {

  static final Repository REPO = new Repository(new RegistryHost("registry.example.com"), "group/app");
  static final Repository BACKEND = new Repository(REPO.host(), REPO.path() + "/backend");
  static final Repository FRONTEND = new Repository(REPO.host(), REPO.path() + "/frontend");

  private Images() {}

  static Digest digest(String name) {
    return Digests.sha256(name.getBytes(StandardCharsets.UTF_8));
  }

  static RegistryImage dimg(Repository repository, String tag, String scheme) {
    return dimg(repository, tag, scheme, "sig-" + repository.path() + "-" + tag, digest(repository + tag), null);
  }

  static RegistryImage dimg(Repository repository, String tag, String scheme, String stage, Digest digest,
      Instant created) {
    Map<String, String> labels = new HashMap<>();
    labels.put(DappLabels.DIMG, "true");
    labels.put(DappLabels.TAG_SCHEME, scheme);
    if (!repository.equals(REPO)) {
      labels.put(DappLabels.DIMG_NAME, repository.path().substring(repository.path().lastIndexOf('/') + 1));
    }
    if (stage != null) {
      labels.put(DappLabels.STAGE_SIGNATURE, stage);
    }
    return new RegistryImage(repository, tag, digest, Optional.ofNullable(created), labels);
  }

  static RegistryImage stage(String signature, String parent) {
    Map<String, String> labels = new HashMap<>();
    labels.put(DappLabels.DIMG, "false");
    labels.put(DappLabels.STAGE_SIGNATURE, signature);
    if (parent != null) {
      labels.put(DappLabels.PARENT_STAGE_SIGNATURE, parent);
    }
    return new RegistryImage(REPO, "dimgstage-" + signature, digest("stage" + signature), Optional.empty(), labels);
  }

  static RegistryImage foreign(Repository repository, String tag, Digest digest) {
    return new RegistryImage(repository, tag, digest, Optional.empty(), Map.of());
  }
}
