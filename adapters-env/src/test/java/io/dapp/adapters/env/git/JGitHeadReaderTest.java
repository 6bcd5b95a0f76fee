package io.dapp.adapters.env.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.port.GitHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitHeadReaderTest {

  @TempDir
  Path root;

  private final JGitHeadReader reader = new JGitHeadReader();

  private RevCommit commitOn(Git git, String branch) throws Exception {
    Files.writeString(root.resolve("file.txt"), branch);
    git.add().addFilepattern("file.txt").call();
    RevCommit commit = git.commit().setMessage("on " + branch).setAuthor("dev", "dev@example.com")
        .setCommitter("dev", "dev@example.com").setSign(false).call();
    return commit;
  }

  @Test
  void onABranch_readsItsShortName_andTheCommit_alsoFromASubdirectory() throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      commitOn(git, "main");
      git.checkout().setCreateBranch(true).setName("feature/cart").call();
      RevCommit commit = commitOn(git, "feature/cart");
      Path subdirectory = Files.createDirectories(root.resolve("services/web"));

      assertThat(reader.read(subdirectory)).contains(new GitHead(Optional.of("feature/cart"), commit.name()));
    }
  }

  @Test
  void detachedHead_hasNoBranch() throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      RevCommit commit = commitOn(git, "main");
      git.checkout().setName(commit.name()).call();

      assertThat(reader.read(root)).contains(new GitHead(Optional.empty(), commit.name()));
    }
  }

  @Test
  void aRepositoryWithoutCommits_hasNoHead() throws Exception {
    Git.init().setDirectory(root.toFile()).call().close();

    assertThat(reader.read(root)).isEmpty();
  }

  @Test
  void aDirectoryOutsideAnyRepository_hasNoHead() throws Exception {
    Path plain = Files.createDirectories(root.resolve("plain"));
    // The temporary directory itself must not be inside a git work tree for this to mean anything.
    assertThat(Files.exists(Path.of(System.getProperty("java.io.tmpdir"), ".git"))).isFalse();

    assertThat(reader.read(plain)).isEmpty();
  }
}
