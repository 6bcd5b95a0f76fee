package io.dapp.domain.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.port.GitHead;
import io.dapp.domain.port.GitHeadReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagResolverTest {

  private static final Path PROJECT = Path.of("/builds/web/shop");
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String HEAD_SHA = "fedcba9876543210fedcba9876543210fedcba98";
  private static final GitHead ON_BRANCH = new GitHead(Optional.of("feature/cart"), HEAD_SHA);
  private static final GitHead DETACHED = new GitHead(Optional.empty(), HEAD_SHA);

  private static final Map<String, String> NO_CI = Map.of();
  private static final Map<String, String> BRANCH_JOB = Map.of("CI_COMMIT_REF_NAME", "Feature/Pay",
      "CI_COMMIT_SHA", SHA, "CI_JOB_ID", "4711");
  private static final Map<String, String> TAG_JOB = Map.of("CI_COMMIT_TAG", "v1.2.0",
      "CI_COMMIT_REF_NAME", "v1.2.0", "CI_COMMIT_SHA", SHA, "CI_JOB_ID", "4712");

  private final List<Path> gitReads = new ArrayList<>();

  private TagResolver resolver(Map<String, String> variables, Optional<GitHead> head) {
    GitHeadReader git = directory -> {
      gitReads.add(directory);
      return head;
    };
    return new TagResolver(() -> variables, git);
  }

  private static TagOptions options(List<String> slugged, List<String> plain, boolean branch, boolean commit,
      boolean buildId, boolean ci) {
    return new TagOptions(slugged, plain, branch, commit, buildId, ci);
  }

  private static DimgTag tag(String value, TagScheme scheme) {
    return new DimgTag(value, scheme);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("no option -> latest", TagOptions.none(), NO_CI, Optional.empty(),
            List.of(DimgTag.LATEST)),
        Arguments.of("--tag is slugged", options(List.of("Release 1"), List.of(), false, false, false, false), NO_CI,
            Optional.empty(), List.of(tag("release-1-" + Slug.of("Release 1").substring(10), TagScheme.CUSTOM))),
        Arguments.of("--tag-plain is kept", options(List.of(), List.of("Release_1.0"), false, false, false, false),
            NO_CI, Optional.empty(), List.of(tag("Release_1.0", TagScheme.CUSTOM))),
        Arguments.of("--tag-branch outside CI reads git", options(List.of(), List.of(), true, false, false, false),
            NO_CI, Optional.of(ON_BRANCH), List.of(tag(Slug.of("feature/cart"), TagScheme.GIT_BRANCH))),
        Arguments.of("--tag-branch in CI reads CI_COMMIT_REF_NAME, not the detached checkout",
            options(List.of(), List.of(), true, false, false, false), BRANCH_JOB, Optional.of(DETACHED),
            List.of(tag(Slug.of("Feature/Pay"), TagScheme.GIT_BRANCH))),
        Arguments.of("--tag-commit outside CI reads git", options(List.of(), List.of(), false, true, false, false),
            NO_CI, Optional.of(DETACHED), List.of(tag(HEAD_SHA, TagScheme.GIT_COMMIT))),
        Arguments.of("--tag-commit in CI reads CI_COMMIT_SHA", options(List.of(), List.of(), false, true, false, false),
            BRANCH_JOB, Optional.of(DETACHED), List.of(tag(SHA, TagScheme.GIT_COMMIT))),
        Arguments.of("--tag-build-id is CI_JOB_ID", options(List.of(), List.of(), false, false, true, false),
            BRANCH_JOB, Optional.empty(), List.of(tag("4711", TagScheme.CI))),
        Arguments.of("--tag-ci in a branch job", options(List.of(), List.of(), false, false, false, true),
            BRANCH_JOB, Optional.empty(), List.of(tag(Slug.of("Feature/Pay"), TagScheme.GIT_BRANCH))),
        Arguments.of("--tag-ci in a tag job", options(List.of(), List.of(), false, false, false, true),
            TAG_JOB, Optional.empty(), List.of(tag("v1-2-0-" + Slug.of("v1.2.0").substring(7), TagScheme.GIT_TAG))),
        Arguments.of("all at once, in a fixed order", options(List.of("a", "b"), List.of("C"), true, true, true, true),
            BRANCH_JOB, Optional.empty(), List.of(tag("a", TagScheme.CUSTOM), tag("b", TagScheme.CUSTOM),
                tag("C", TagScheme.CUSTOM), tag(Slug.of("Feature/Pay"), TagScheme.GIT_BRANCH),
                tag(SHA, TagScheme.GIT_COMMIT), tag("4711", TagScheme.CI))),
        Arguments.of("the same tag from two options appears once",
            options(List.of("x", "x"), List.of("x"), false, false, false, false), NO_CI, Optional.empty(),
            List.of(tag("x", TagScheme.CUSTOM))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void resolves(String behaviour, TagOptions options, Map<String, String> variables, Optional<GitHead> head,
      List<DimgTag> expected) throws DappException {
    assertThat(resolver(variables, head).resolve(options, PROJECT)).containsExactlyElementsOf(expected);
  }

  @Test
  void gitIsNotRead_whenCiVariablesTell_orNoOptionNeedsIt() throws DappException {
    resolver(BRANCH_JOB, Optional.of(ON_BRANCH))
        .resolve(options(List.of("x"), List.of(), true, true, true, true), PROJECT);

    assertThat(gitReads).isEmpty();
  }

  @Test
  void gitIsReadOnce_forBranchAndCommit() throws DappException {
    resolver(NO_CI, Optional.of(ON_BRANCH)).resolve(options(List.of(), List.of(), true, true, false, false), PROJECT);

    assertThat(gitReads).containsExactly(PROJECT);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(options(List.of(), List.of("-bad"), false, false, false, false), NO_CI, Optional.empty(),
            "--tag-plain: '-bad' is not a valid docker tag"),
        Arguments.of(options(List.of(), List.of("a/b"), false, false, false, false), NO_CI, Optional.empty(),
            "--tag-plain: 'a/b' is not a valid docker tag"),
        Arguments.of(options(List.of(" "), List.of(), false, false, false, false), NO_CI, Optional.empty(),
            "--tag is empty"),
        Arguments.of(options(List.of(), List.of(), true, false, false, false), NO_CI, Optional.of(DETACHED),
            "--tag-branch: HEAD of the git repository at /builds/web/shop is detached (commit fedcba987654)"),
        Arguments.of(options(List.of(), List.of(), true, false, false, false), NO_CI, Optional.empty(),
            "--tag-branch: /builds/web/shop is not in a git repository with a commit, and CI_COMMIT_REF_NAME is not set"),
        Arguments.of(options(List.of(), List.of(), true, false, false, false), TAG_JOB, Optional.empty(),
            "--tag-branch: this CI pipeline runs for git tag 'v1.2.0', not a branch; use --tag-ci"),
        Arguments.of(options(List.of(), List.of(), false, true, false, false), NO_CI, Optional.empty(),
            "--tag-commit: /builds/web/shop is not in a git repository with a commit, and CI_COMMIT_SHA is not set"),
        Arguments.of(options(List.of(), List.of(), false, false, true, false), NO_CI, Optional.empty(),
            "--tag-build-id needs CI_JOB_ID"),
        Arguments.of(options(List.of(), List.of(), false, false, false, true), NO_CI, Optional.of(ON_BRANCH),
            "--tag-ci needs CI_COMMIT_TAG or CI_COMMIT_REF_NAME"),
        Arguments.of(options(List.of("master"), List.of(), true, false, false, false), Map.of("CI_COMMIT_REF_NAME", "master"),
            Optional.empty(), "tag 'master' is given with two schemes, custom and git_branch"));
  }

  @ParameterizedTest(name = "[{index}] {3}")
  @MethodSource("errors")
  void rejects_withAOneLineMessage(TagOptions options, Map<String, String> variables, Optional<GitHead> head,
      String message) {
    assertThatThrownBy(() -> resolver(variables, head).resolve(options, PROJECT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void resolveOne_rejectsSeveralTags_namingThem() {
    assertThatThrownBy(() -> resolver(BRANCH_JOB, Optional.empty())
        .resolveOne(options(List.of("a"), List.of(), false, false, true, false), PROJECT, "kube values"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("kube values reads one tag, but the tag options give 2: a (custom), 4711 (ci); give one tag option");
  }

  @Test
  void resolveOne_acceptsTwoOptionsThatGiveTheSameTag() throws DappException {
    DimgTag tag = resolver(BRANCH_JOB, Optional.empty())
        .resolveOne(options(List.of(), List.of(), true, false, false, true), PROJECT, "kube values");

    assertThat(tag).isEqualTo(new DimgTag(Slug.of("Feature/Pay"), TagScheme.GIT_BRANCH));
  }
}
