package io.dapp.adapters.env.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.port.SourceRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real repository in a temporary directory, cloned from another that plays {@code origin}. */
class JGitSourceRepositoryTest {

  private static final Instant FIRST = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant SECOND = Instant.parse("2026-02-01T10:00:00Z");
  private static final Instant TAGGED = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path root;

  private Path project;
  private RevCommit first;
  private RevCommit second;
  private RevCommit unpushed;

  @BeforeEach
  void repositories() throws Exception {
    Path origin = root.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("master").call()) {
      first = commit(git, origin, "one", FIRST);
      git.tag().setName("v1.0").setObjectId(first).setAnnotated(false).call();
      second = commit(git, origin, "two", SECOND);
      git.tag().setName("v2.0").setObjectId(second).setTagger(ident(TAGGED)).setMessage("release").call();
      git.branchCreate().setName("feature/Login").call();
    }
    project = root.resolve("project");
    try (Git clone = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(project.toFile()).call()) {
      clone.branchCreate().setName("local-only").call();
      unpushed = commit(clone, project, "three", SECOND.plusSeconds(60));
    }
    Files.createDirectories(project.resolve("sub/dir"));
  }

  private static PersonIdent ident(Instant when) {
    return new PersonIdent("Dev", "dev@example.com", Date.from(when), TimeZone.getTimeZone("UTC"));
  }

  private static RevCommit commit(Git git, Path directory, String file, Instant when) throws Exception {
    Files.writeString(directory.resolve(file), file);
    git.add().addFilepattern(file).call();
    return git.commit().setMessage(file).setAuthor(ident(when)).setCommitter(ident(when)).call();
  }

  private SourceRepository open() throws Exception {
    return new JGitSourceRepositories().open(project.resolve("sub/dir"));
  }

  @Test
  void branches_areLocalAndOriginBranches_byShortName() throws Exception {
    try (SourceRepository repository = open()) {
      assertThat(repository.branches()).containsExactlyInAnyOrder("master", "local-only", "feature/Login");
    }
  }

  @Test
  void tags_carryTheTaggerDate_orTheCommitDateForLightweightTags() throws Exception {
    try (SourceRepository repository = open()) {
      assertThat(repository.tags()).containsOnlyKeys("v1.0", "v2.0")
          .containsEntry("v1.0", FIRST)
          .containsEntry("v2.0", TAGGED);
    }
  }

  @Test
  void commitTime_ofExistingCommits_andNothingForUnknownOnes() throws Exception {
    try (SourceRepository repository = open()) {
      assertThat(repository.commitTime(second.name())).contains(SECOND);
      assertThat(repository.commitTime(unpushed.name())).isPresent();
      assertThat(repository.commitTime("0123456789012345678901234567890123456789")).isEmpty();
      assertThat(repository.commitTime("not-an-id")).isEmpty();
      assertThat(repository.isShallow()).isFalse();
    }
  }

  @Test
  void aShallowClone_saysSo() throws Exception {
    Files.writeString(project.resolve(".git/shallow"), first.name() + "\n");

    try (SourceRepository repository = open()) {
      assertThat(repository.isShallow()).isTrue();
    }
  }

  @Test
  void withoutARepository_theErrorNamesTheDirectoryAndDir() {
    Path plain = root.resolve("plain");

    assertThatThrownBy(() -> new JGitSourceRepositories().open(plain))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("no git repository at or above " + plain)
        .hasMessageContaining("--dir");
  }
}
