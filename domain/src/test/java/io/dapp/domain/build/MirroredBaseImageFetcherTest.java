package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.Console;
import io.dapp.domain.registry.ManifestUnknownException;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryUnreachableException;
import io.dapp.domain.testing.EmptyDockerConfig;
import io.dapp.domain.testing.RecordingConsole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Docker Hub's base images through the mirrors, in order, then Docker Hub; everything else as it is. */
class MirroredBaseImageFetcherTest {

  private static final RegistryHost FIRST = new RegistryHost("mirror-a.corp");
  private static final RegistryHost SECOND = new RegistryHost("127.0.0.1:5001");
  private static final RegistryOptions OPTIONS = RegistryOptions.defaults().withMirrors(
      List.of(new RegistryMirror(FIRST, false), new RegistryMirror(SECOND, true)));

  /** What each source does when asked: an answer, or an exception; a source not listed must not be asked. */
  private final Map<String, Object> sources = new java.util.HashMap<>();
  private final List<String> asked = new ArrayList<>();
  private final RecordingConsole console = new RecordingConsole();
  private final StoredImage image = null;

  private final BaseImageFetcher registries = (reference, platform, config, options, store, progress) -> {
    asked.add(reference.toString());
    Object outcome = sources.get(reference.host().name());
    if (outcome instanceof DappException failure) {
      throw failure;
    }
    if (outcome == null) {
      throw new AssertionError(reference + " was not to be asked for");
    }
    return image;
  };

  private StoredImage fetch(String reference, RegistryOptions options) throws Exception {
    return new MirroredBaseImageFetcher(registries).fetch(ImageReference.parse(reference), Platform.LINUX_AMD64,
        EmptyDockerConfig.at("/home/ci/.docker"), options, null, null, console);
  }

  @Test
  void aDockerHubImage_comesFromTheFirstMirrorThatHasIt_underItsOwnName() throws Exception {
    sources.put("mirror-a.corp", missing("mirror-a.corp/library/alpine:3.19"));
    sources.put("127.0.0.1:5001", "ok");

    fetch("alpine:3.19", OPTIONS);

    assertThat(asked).containsExactly("mirror-a.corp/library/alpine:3.19", "127.0.0.1:5001/library/alpine:3.19");
    assertThat(console.debugs).contains("base image docker.io/library/alpine:3.19: from the mirror "
        + "http://127.0.0.1:5001");
  }

  @Test
  void whenNoMirrorHasIt_dockerHubIsAsked() throws Exception {
    sources.put("mirror-a.corp", down("mirror-a.corp"));
    sources.put("127.0.0.1:5001", missing("127.0.0.1:5001/bitnami/redis@sha256:" + "a".repeat(64)));
    sources.put("docker.io", "ok");

    fetch("bitnami/redis@sha256:" + "a".repeat(64), OPTIONS);

    assertThat(asked).containsExactly("mirror-a.corp/bitnami/redis@sha256:" + "a".repeat(64),
        "127.0.0.1:5001/bitnami/redis@sha256:" + "a".repeat(64), "docker.io/bitnami/redis@sha256:" + "a".repeat(64));
  }

  @Test
  void whenEverySourceFails_theErrorNamesEachMirrorAndDockerHub_inOneLine() {
    sources.put("mirror-a.corp", down("mirror-a.corp"));
    sources.put("127.0.0.1:5001", missing("127.0.0.1:5001/library/alpine:3.19"));
    sources.put("docker.io", down("docker.io"));

    assertThatThrownBy(() -> fetch("alpine:3.19", OPTIONS))
        .isInstanceOf(MirroredPullFailedException.class)
        .hasMessage("pull base image docker.io/library/alpine:3.19: no source had it: "
            + "the mirror https://mirror-a.corp: reach registry mirror-a.corp: connection refused; "
            + "the mirror http://127.0.0.1:5001: pull manifest 127.0.0.1:5001/library/alpine:3.19: manifest unknown; "
            + "Docker Hub: reach registry docker.io: connection refused");
  }

  @Test
  void badInput_stopsAtOnce_withoutTryingDockerHub() {
    sources.put("mirror-a.corp", new InvalidInputException("config.json: not valid JSON"));

    assertThatThrownBy(() -> fetch("alpine:3.19", OPTIONS)).isInstanceOf(InvalidInputException.class);
    assertThat(asked).containsExactly("mirror-a.corp/library/alpine:3.19");
  }

  @Test
  void imagesOfOtherRegistries_andHubImagesWithoutMirrors_areFetchedAsTheyAre() throws Exception {
    sources.put("registry.corp", "ok");
    sources.put("docker.io", "ok");

    fetch("registry.corp/base/alpine:3.19", OPTIONS);
    fetch("alpine:3.19", RegistryOptions.defaults());

    assertThat(asked).containsExactly("registry.corp/base/alpine:3.19", "docker.io/library/alpine:3.19");
  }

  private static RegistryUnreachableException down(String host) {
    return new RegistryUnreachableException(RegistryAction.PING, new RegistryHost(host), null, "connection refused",
        null);
  }

  private static ManifestUnknownException missing(String reference) {
    try {
      ImageReference parsed = ImageReference.parse(reference);
      return new ManifestUnknownException(RegistryAction.PULL_MANIFEST, parsed.host(), parsed.repository(),
          reference.substring(reference.indexOf(parsed.repository().path()) + parsed.repository().path().length()),
          "manifest unknown");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
