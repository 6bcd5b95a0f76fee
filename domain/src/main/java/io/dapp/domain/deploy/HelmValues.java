package io.dapp.domain.deploy;

import io.dapp.domain.model.Repository;
import io.dapp.domain.tag.DimgTag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values dapp gives a Helm chart, under {@code global.dapp}, named as the original dapp named them so
 * that its charts keep working:
 * <pre>
 * global:
 *   dapp:
 *     repo: REPO
 *     docker_tag: TAG
 *     is_nameless_dimg: false
 *     dimg:
 *       backend:                 # for the nameless dimg, docker_image and docker_image_id sit right under dimg
 *         docker_image: REPO/backend:TAG
 *         docker_image_id: sha256:...
 * </pre>
 */
public record HelmValues(Repository repository, DimgTag tag, List<DimgImage> images) {

  public HelmValues {
    Objects.requireNonNull(repository, "'repository' must not be null");
    Objects.requireNonNull(tag, "'tag' must not be null");
    images = List.copyOf(images);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("there are values only for at least one dimg");
    }
    if (images.size() > 1 && images.stream().anyMatch(image -> image.dimg().isEmpty())) {
      throw new IllegalArgumentException("the nameless dimg must be the only dimg");
    }
  }

  public boolean isNamelessDimg() {
    return images.get(0).dimg().isEmpty();
  }

  /** The values as nested maps, keys in a stable order. */
  public Map<String, Object> tree() {
    Map<String, Object> dapp = new LinkedHashMap<>();
    dapp.put("repo", repository.toString());
    dapp.put("docker_tag", tag.value());
    dapp.put("is_nameless_dimg", isNamelessDimg());
    if (isNamelessDimg()) {
      dapp.put("dimg", imageValues(images.get(0)));
    } else {
      Map<String, Object> dimgs = new LinkedHashMap<>();
      images.forEach(image -> dimgs.put(image.dimg().orElseThrow(), imageValues(image)));
      dapp.put("dimg", dimgs);
    }
    return Map.of("global", Map.of("dapp", dapp));
  }

  private static Map<String, Object> imageValues(DimgImage image) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("docker_image", image.image().toString());
    values.put("docker_image_id", image.imageId().toString());
    return values;
  }
}
