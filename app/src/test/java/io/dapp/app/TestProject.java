package io.dapp.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A dapp project directory for end-to-end tests: a dappfile, files, and (when the test needs git) commits of
 * all of it on a branch. Written by the test, read by the real dapp; {@link #toString()} is its path, so it
 * goes straight into {@code --dir}.
 */
final class TestProject {

  private final Path directory;
  private String branch = "main";

  private TestProject(Path directory) {
    this.directory = directory;
  }

  /** An empty project in {@code directory} (created when missing). */
  static TestProject at(Path directory) throws IOException {
    return new TestProject(Files.createDirectories(directory));
  }

  /** The branch the first commit creates; {@code main} unless set before it. */
  TestProject branch(String name) {
    this.branch = name;
    return this;
  }

  TestProject dappfile(String content) throws IOException {
    return file("dappfile.yaml", content);
  }

  /** Writes {@code path} (relative, parents created), replacing what was there. */
  TestProject file(String path, String content) throws IOException {
    Path file = directory.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return this;
  }

  TestProject file(String path, byte[] content) throws IOException {
    Path file = directory.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return this;
  }

  /** Writes {@code path} with mode 0755. */
  TestProject executable(String path, String content) throws IOException {
    file(path, content);
    Files.setPosixFilePermissions(directory.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  /** Commits every file as {@code author} (initialising the repository first); returns the commit id. */
  String commit(String message, String author) throws IOException {
    try (Git git = Files.isDirectory(directory.resolve(".git")) ? Git.open(directory.toFile())
        : Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call()) {
      git.add().addFilepattern(".").call();
      return git.commit().setMessage(message).setAuthor(author, "dev@example.com")
          .setCommitter(author, "dev@example.com").setSign(false).call().name();
    } catch (GitAPIException e) {
      throw new IOException("git in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Lightweight tags on the last commit. */
  TestProject tag(String... names) throws IOException {
    return git(git -> {
      for (String name : names) {
        git.tag().setName(name).setAnnotated(false).call();
      }
    });
  }

  /** Branches at the last commit; the checkout stays on its branch. */
  TestProject branchHere(String... names) throws IOException {
    return git(git -> {
      for (String name : names) {
        git.branchCreate().setName(name).call();
      }
    });
  }

  private interface GitWork {
    void on(Git git) throws GitAPIException;
  }

  private TestProject git(GitWork work) throws IOException {
    try (Git git = Git.open(directory.toFile())) {
      work.on(git);
      return this;
    } catch (GitAPIException e) {
      throw new IOException("git in " + directory + ": " + e.getMessage(), e);
    }
  }

  Path directory() {
    return directory;
  }

  Path resolve(String path) {
    return directory.resolve(path);
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
