package io.dapp.adapters.env.git;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.GitHead;
import io.dapp.domain.port.GitHeadReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads the project's git HEAD with JGit: no git executable needed. */
public final class JGitHeadReader implements GitHeadReader {

  @Inject
  public JGitHeadReader() {
  }

  @Override
  public Optional<GitHead> read(Path projectDirectory) throws OperationFailedException {
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(projectDirectory.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository repository = builder.setMustExist(true).build()) {
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return Optional.empty(); // a repository without a commit yet
      }
      String full = repository.getFullBranch();
      Optional<String> branch = full != null && full.startsWith(Constants.R_HEADS)
          ? Optional.of(Repository.shortenRefName(full))
          : Optional.empty();
      return Optional.of(new GitHead(branch, head.name()));
    } catch (IOException | RuntimeException e) {
      throw new OperationFailedException("cannot read the HEAD of the git repository at " + builder.getGitDir()
          + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines()
          .findFirst().orElse("")), e);
    }
  }
}
