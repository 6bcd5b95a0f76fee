package io.dapp.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectIdTest {

  private static final Path CLONE = Path.of("/builds/abc/0/web/shop");

  private static ProjectId fromOrigin(String url) {
    return ProjectId.of(Optional.of(url), Optional.of(CLONE), CLONE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://gitlab-ci-token:job-token-value@gitlab.example.com/web/shop.git | gitlab.example.com/web/shop",
      "https://gitlab.example.com/web/shop                                     | gitlab.example.com/web/shop",
      "https://GitLab.Example.com:8443/web/shop/                               | gitlab.example.com/web/shop",
      "git@gitlab.example.com:web/shop.git                                     | gitlab.example.com/web/shop",
      "ssh://git@gitlab.example.com:2222/web/shop.git                          | gitlab.example.com/web/shop",
      "gitlab.example.com:web/shop                                             | gitlab.example.com/web/shop",
      "https://gitlab.example.com/web/shop.git?private_token=query-secret#frag | gitlab.example.com/web/shop",
      "http://[::1]:8080/web/shop.git                                          | [::1]/web/shop",
      "/srv/git/shop.git                                                       | /srv/git/shop",
      "file:///srv/git/shop.git                                                | /srv/git/shop",
      "../shop.git                                                             | ../shop"})
  void everyCloneOfAProject_isTheSameProject_withoutCredentials(String url, String expected) {
    ProjectId id = fromOrigin(url);

    assertThat(id.value()).isEqualTo(expected);
    assertThat(id.toString()).doesNotContain("job-token-value", "query-secret", "gitlab-ci-token");
  }

  @Test
  void aProjectBelowTheRepositoryRoot_isToldApartFromItsSiblings() {
    Path root = Path.of("/work/mono");

    ProjectId api = ProjectId.of(Optional.of("git@example.com:web/mono.git"), Optional.of(root),
        root.resolve("services/api"));
    ProjectId web = ProjectId.of(Optional.of("git@example.com:web/mono.git"), Optional.of(root),
        root.resolve("services/web"));

    assertThat(api.value()).isEqualTo("example.com/web/mono#services/api");
    assertThat(web).isNotEqualTo(api);
  }

  @Test
  void withoutAnOrigin_theProjectIsItsDirectory() {
    assertThat(ProjectId.of(Optional.empty(), Optional.of(CLONE), CLONE).value()).isEqualTo(CLONE.toString());
    assertThat(ProjectId.of(Optional.of("  "), Optional.empty(), Path.of("/srv/app/../app2")).value())
        .isEqualTo("/srv/app2");
  }

  @Test
  void annotations_recordTheProject_andTellItsReferences() {
    ProjectId shop = fromOrigin("git@gitlab.example.com:web/shop.git");

    assertThat(shop.annotations()).isEqualTo(Map.of("io.dapp.project", "gitlab.example.com/web/shop"));
    assertThat(shop.madeReferenceWith(shop.annotations())).isTrue();
    assertThat(shop.madeReferenceWith(Map.of("io.dapp.project", "gitlab.example.com/web/other"))).isFalse();
    assertThat(shop.madeReferenceWith(Map.of())).isFalse();
  }

  @Test
  void aProjectIdIsOneLineOfText() {
    assertThatThrownBy(() -> new ProjectId(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProjectId("a\nb")).isInstanceOf(IllegalArgumentException.class);
  }
}
