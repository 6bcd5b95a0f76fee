package io.dapp.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.RegistryHost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryMirrorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://mirror.gcr.io, mirror.gcr.io, false, https://mirror.gcr.io",
      "https://Mirror.Corp:5000/, mirror.corp:5000, false, https://mirror.corp:5000",
      "http://10.0.0.5:5000, 10.0.0.5:5000, true, http://10.0.0.5:5000",
      "mirror.corp, mirror.corp, false, https://mirror.corp",
  })
  void readsDockersMirrorUrls(String value, String host, boolean plainHttp, String shown) throws Exception {
    RegistryMirror mirror = RegistryMirror.parse("--registry-mirror", value);

    assertThat(mirror.host()).isEqualTo(new RegistryHost(host));
    assertThat(mirror.plainHttp()).isEqualTo(plainHttp);
    assertThat(mirror).hasToString(shown);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ftp://mirror.corp|--registry-mirror 'ftp://mirror.corp': a mirror is an http:// or https:// URL",
      "https://mirror.corp/v2/|--registry-mirror 'https://mirror.corp/v2/': a mirror is the root of a registry, "
          + "http[s]://HOST[:PORT], without a path or query",
      "https://docker.io|--registry-mirror 'https://docker.io': Docker Hub is not a mirror of itself",
      "https://mirror corp|--registry-mirror 'https://mirror corp': not a registry address",
      "https://me:secret-3@mirror.corp|--registry-mirror: a mirror URL must not hold credentials; they come from "
          + "the login procedure (the docker config, or --registry-username) as for any registry",
  })
  void refusesWhatIsNoMirror(String value, String message) {
    assertThatThrownBy(() -> RegistryMirror.parse("--registry-mirror", value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }
}
