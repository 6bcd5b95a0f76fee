package io.dapp.adapters.cli;

import io.dapp.domain.tag.TagOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The tag options of push and deploy commands; without any, the tag is {@code latest}. */
public final class TagOptionsMixin {

  @Option(names = {"--tag", "--tag-slug"}, paramLabel = "TAG",
      description = "Tag TAG, slugged (repeatable). Scheme: custom.")
  private List<String> slugged = new ArrayList<>();

  @Option(names = "--tag-plain", paramLabel = "TAG",
      description = "Tag TAG as it is; it must be a valid docker tag (repeatable). Scheme: custom.")
  private List<String> plain = new ArrayList<>();

  @Option(names = "--tag-branch",
      description = "Tag with the git branch, slugged: $CI_COMMIT_REF_NAME in GitLab CI, else the checked-out branch. "
          + "Scheme: git_branch.")
  private boolean branch;

  @Option(names = "--tag-commit",
      description = "Tag with the commit id: $CI_COMMIT_SHA in GitLab CI, else git HEAD. Scheme: git_commit.")
  private boolean commit;

  @Option(names = "--tag-build-id", description = "Tag with $CI_JOB_ID. Scheme: ci.")
  private boolean buildId;

  @Option(names = "--tag-ci",
      description = "Tag with $CI_COMMIT_TAG (scheme git_tag), else $CI_COMMIT_REF_NAME (scheme git_branch), slugged.")
  private boolean ci;

  public TagOptions tagOptions() {
    return new TagOptions(slugged, plain, branch, commit, buildId, ci);
  }
}
