package io.dapp.domain.tag;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.port.Environment;
import io.dapp.domain.port.GitHead;
import io.dapp.domain.port.GitHeadReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns tag options into tags, from the GitLab CI variables when a job runs and from the project's git
 * HEAD otherwise. Tags come in a fixed order: {@code --tag}/{@code --tag-slug}, {@code --tag-plain},
 * {@code --tag-branch}, {@code --tag-commit}, {@code --tag-build-id}, {@code --tag-ci}; a tag two options
 * give alike appears once; no option at all means {@code latest}.
 */
public final class TagResolver {

  public static final String CI_COMMIT_TAG = "CI_COMMIT_TAG";
  public static final String CI_COMMIT_REF_NAME = "CI_COMMIT_REF_NAME";
  public static final String CI_COMMIT_SHA = "CI_COMMIT_SHA";
  public static final String CI_JOB_ID = "CI_JOB_ID";

  private final Environment environment;
  private final GitHeadReader git;

  public TagResolver(Environment environment, GitHeadReader git) {
    this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
    this.git = Objects.requireNonNull(git, "'git' must not be null");
  }

  /**
   * @throws InvalidInputException when an option gives no valid tag (no branch checked out, no CI job id,
   *     a plain tag docker refuses), or one tag would get two schemes
   */
  public List<DimgTag> resolve(TagOptions options, Path projectDirectory) throws DappException {
    Objects.requireNonNull(options, "'options' must not be null");
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    if (options.isEmpty()) {
      return List.of(DimgTag.LATEST);
    }
    Lookup lookup = new Lookup(projectDirectory);
    List<DimgTag> tags = new ArrayList<>();
    for (String value : options.slugged()) {
      if (value.isBlank()) {
        throw new InvalidInputException("--tag is empty");
      }
      tags.add(DimgTag.of(Slug.of(value), TagScheme.CUSTOM, "--tag '" + value + "'"));
    }
    for (String value : options.plain()) {
      tags.add(DimgTag.of(value, TagScheme.CUSTOM, "--tag-plain"));
    }
    if (options.branch()) {
      tags.add(DimgTag.of(Slug.of(lookup.branch()), TagScheme.GIT_BRANCH, "--tag-branch"));
    }
    if (options.commit()) {
      tags.add(DimgTag.of(lookup.commit(), TagScheme.GIT_COMMIT, "--tag-commit"));
    }
    if (options.buildId()) {
      String jobId = variable(CI_JOB_ID).orElseThrow(() -> new InvalidInputException(
          "--tag-build-id needs " + CI_JOB_ID + ", which GitLab CI sets in every job"));
      tags.add(DimgTag.of(jobId, TagScheme.CI, "--tag-build-id (" + CI_JOB_ID + ")"));
    }
    if (options.ci()) {
      tags.add(ciTag());
    }
    return distinct(tags);
  }

  /**
   * The one tag a deploy reads from.
   *
   * @throws InvalidInputException when the options give several tags: which one to deploy would be a guess
   */
  public DimgTag resolveOne(TagOptions options, Path projectDirectory, String command) throws DappException {
    List<DimgTag> tags = resolve(options, projectDirectory);
    if (tags.size() > 1) {
      throw new InvalidInputException(command + " reads one tag, but the tag options give " + tags.size() + ": "
          + tags.stream().map(DimgTag::toString).collect(Collectors.joining(", ")) + "; give one tag option");
    }
    return tags.get(0);
  }

  private DimgTag ciTag() throws InvalidInputException {
    Optional<String> gitTag = variable(CI_COMMIT_TAG);
    if (gitTag.isPresent()) {
      return DimgTag.of(Slug.of(gitTag.get()), TagScheme.GIT_TAG, "--tag-ci (" + CI_COMMIT_TAG + ")");
    }
    Optional<String> branch = variable(CI_COMMIT_REF_NAME);
    if (branch.isPresent()) {
      return DimgTag.of(Slug.of(branch.get()), TagScheme.GIT_BRANCH, "--tag-ci (" + CI_COMMIT_REF_NAME + ")");
    }
    throw new InvalidInputException("--tag-ci needs " + CI_COMMIT_TAG + " or " + CI_COMMIT_REF_NAME
        + ", which GitLab CI sets; outside CI use --tag-branch or --tag-commit");
  }

  private static List<DimgTag> distinct(List<DimgTag> tags) throws InvalidInputException {
    Map<String, DimgTag> byValue = new LinkedHashMap<>();
    for (DimgTag tag : tags) {
      DimgTag earlier = byValue.putIfAbsent(tag.value(), tag);
      if (earlier != null && earlier.scheme() != tag.scheme()) {
        throw new InvalidInputException("tag '" + tag.value() + "' is given with two schemes, "
            + earlier.scheme() + " and " + tag.scheme() + "; an image carries one scheme per tag");
      }
    }
    return List.copyOf(byValue.values());
  }

  private Optional<String> variable(String name) {
    return environment.variable(name).filter(value -> !value.isBlank());
  }

  /** Git is read at most once, and only when an option needs it and CI variables do not tell. */
  private final class Lookup {

    private final Path projectDirectory;
    private Optional<GitHead> head;

    Lookup(Path projectDirectory) {
      this.projectDirectory = projectDirectory;
    }

    String branch() throws DappException {
      Optional<String> gitTag = variable(CI_COMMIT_TAG);
      if (gitTag.isPresent()) {
        throw new InvalidInputException("--tag-branch: this CI pipeline runs for git tag '" + gitTag.get()
            + "', not a branch; use --tag-ci");
      }
      Optional<String> ciBranch = variable(CI_COMMIT_REF_NAME);
      if (ciBranch.isPresent()) {
        return ciBranch.get();
      }
      GitHead checkedOut = head("--tag-branch", CI_COMMIT_REF_NAME);
      return checkedOut.branch().orElseThrow(() -> new InvalidInputException("--tag-branch: HEAD of the git "
          + "repository at " + projectDirectory + " is detached (commit " + checkedOut.commit().substring(0, 12)
          + "); check out a branch or set " + CI_COMMIT_REF_NAME));
    }

    String commit() throws DappException {
      Optional<String> ciCommit = variable(CI_COMMIT_SHA);
      if (ciCommit.isPresent()) {
        return ciCommit.get();
      }
      return head("--tag-commit", CI_COMMIT_SHA).commit();
    }

    private GitHead head(String option, String variable) throws DappException {
      if (head == null) {
        head = git.read(projectDirectory);
      }
      return head.orElseThrow(() -> new InvalidInputException(option + ": " + projectDirectory
          + " is not in a git repository with a commit, and " + variable + " is not set"));
    }
  }
}
