package io.dapp.adapters.env.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.ContentFingerprint;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.SourceFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProjectSourceTest {

  @TempDir
  Path directory;

  private final GitProjectSource source = new GitProjectSource(FingerprintCaches.none());

  private Path write(String path, String content) throws Exception {
    Path file = directory.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static String describe(SourceFile file) throws Exception {
    if (file.linkTarget().isPresent()) {
      return file.path() + " -> " + file.linkTarget().get();
    }
    try (InputStream in = file.content().orElseThrow().open()) {
      return file.path() + " " + file.kind() + " " + file.size() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> describe(List<SourceFile> files) throws Exception {
    List<String> lines = new java.util.ArrayList<>();
    for (SourceFile file : files) {
      lines.add(describe(file));
    }
    return lines;
  }

  private Git repositoryWithCommit() throws Exception {
    Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
    write("src/app.rb", "committed");
    Path run = write("src/bin/run", "#!/bin/sh");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(directory.resolve("src/current"), Path.of("bin/run"));
    write("README.md", "readme");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
        .setSign(false).call();
    return git;
  }

  @Test
  void gitProject_givesCommittedContent_notUncommittedChanges() throws Exception {
    try (Git git = repositoryWithCommit()) {
      write("src/app.rb", "changed, not committed");
      write("src/new.rb", "untracked");

      try (ProjectSnapshot snapshot = source.open(directory)) {
        assertThat(snapshot.commit()).contains(git.getRepository().resolve("HEAD").getName());
        assertThat(describe(snapshot.files("src"))).containsExactly(
            "src/app.rb FILE 9 committed",
            "src/bin/run EXECUTABLE 9 #!/bin/sh",
            "src/current -> bin/run");
      }
    }
  }

  @Test
  void gitProject_fromASubdirectory_pathsAreRelativeToTheRepository() throws Exception {
    try (Git ignored = repositoryWithCommit(); ProjectSnapshot snapshot = source.open(directory.resolve("src"))) {
      assertThat(snapshot.files("")).extracting(SourceFile::path)
          .containsExactly("README.md", "src/app.rb", "src/bin/run", "src/current");
      assertThat(snapshot.files("README.md")).extracting(SourceFile::path).containsExactly("README.md");
      assertThat(snapshot.files("lib")).isEmpty();
    }
  }

  @Test
  void gitProject_fingerprintsEachFile_byItsBlobId() throws Exception {
    try (Git ignored = repositoryWithCommit(); ProjectSnapshot snapshot = source.open(directory)) {
      for (SourceFile file : snapshot.files("src")) {
        if (file.content().isPresent()) {
          byte[] bytes;
          try (InputStream in = file.content().get().open()) {
            bytes = in.readAllBytes();
          }
          String blobId = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).getName();
          assertThat(file.content().get().fingerprint()).as(file.path())
              .contains(ContentFingerprint.gitBlob(blobId));
        }
      }
    }
  }

  @Test
  void gitRepositoryWithoutCommit_isAnError() throws Exception {
    Git.init().setDirectory(directory.toFile()).call().close();

    assertThatThrownBy(() -> source.open(directory))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("has no commit yet: dapp builds committed files");
  }

  @Test
  void plainDirectory_isReadAsItIs_symlinksNotFollowed() throws Exception {
    Path project = Files.createDirectories(directory.resolve("project"));
    Path outside = Files.createDirectories(directory.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "outside the project");
    Files.writeString(Files.createDirectories(project.resolve("src")).resolve("app.rb"), "as is");
    Path run = Files.writeString(project.resolve("src/run"), "x");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-----"));
    Files.createSymbolicLink(project.resolve("src/out"), outside);
    Files.createSymbolicLink(project.resolve("link"), outside);

    try (ProjectSnapshot snapshot = source.open(project)) {
      assertThat(snapshot.commit()).isEmpty();
      assertThat(describe(snapshot.files("src"))).containsExactly(
          "src/app.rb FILE 5 as is",
          "src/out -> " + outside,
          "src/run EXECUTABLE 1 x");
      assertThat(snapshot.files("link/secret")).as("a path through a link out of the project").isEmpty();
      assertThat(snapshot.files("")).extracting(SourceFile::path).doesNotContain("link/secret", "src/out/secret");
    }
  }

  @Test
  void gitProject_tellsItsOriginAndWorkTree_whichMakeTheProjectId() throws Exception {
    try (Git git = repositoryWithCommit()) {
      git.remoteAdd().setName("origin")
          .setUri(new org.eclipse.jgit.transport.URIish("https://gitlab-ci-token:job-token@gitlab.example.com/web/shop.git"))
          .call();
      try (ProjectSnapshot snapshot = source.open(directory.resolve("src"))) {
        assertThat(snapshot.originUrl()).contains("https://gitlab-ci-token:job-token@gitlab.example.com/web/shop.git");
        assertThat(snapshot.workTree()).contains(directory.toAbsolutePath());
        assertThat(io.dapp.domain.model.ProjectId.of(snapshot.originUrl(), snapshot.workTree(), directory.resolve("src"))
            .value()).isEqualTo("gitlab.example.com/web/shop#src");
      }
    }
  }

  @Test
  void projectsWithoutOrigin_sayNone() throws Exception {
    Path plain = Files.createDirectories(directory.resolve("plain"));
    try (ProjectSnapshot snapshot = source.open(plain)) {
      assertThat(snapshot.originUrl()).isEmpty();
      assertThat(snapshot.workTree()).isEmpty();
    }
    try (Git ignored = repositoryWithCommit(); ProjectSnapshot git = source.open(directory)) {
      assertThat(git.originUrl()).isEmpty();
      assertThat(git.workTree()).contains(directory.toAbsolutePath());
    }
  }
}
