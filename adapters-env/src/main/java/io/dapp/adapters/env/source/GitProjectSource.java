package io.dapp.adapters.env.source;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.ProjectSource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The project's files as committed at HEAD, read with JGit (no git executable needed); a project that is
 * not in a git work tree is read as a plain directory. Uncommitted changes are never built, as in the
 * original dapp: an image comes from a commit.
 */
public final class GitProjectSource implements ProjectSource {

  private final FingerprintCaches fingerprints;

  /** @param fingerprints where a plain directory's fingerprints are kept between runs */
  @Inject
  public GitProjectSource(FingerprintCaches fingerprints) {
    this.fingerprints = Objects.requireNonNull(fingerprints, "'fingerprints' must not be null");
  }

  @Override
  public ProjectSnapshot open(Path projectDirectory) throws DappException {
    if (!Files.isDirectory(projectDirectory)) {
      throw new InvalidInputException("project directory " + projectDirectory + " does not exist");
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(projectDirectory.toFile());
    if (builder.getGitDir() == null) {
      return new DirectorySnapshot(projectDirectory, fingerprints);
    }
    Repository repository;
    try {
      repository = builder.setMustExist(true).build();
    } catch (IOException e) {
      throw new OperationFailedException("cannot open the git repository of " + projectDirectory + ": "
          + e.getMessage(), e);
    }
    try {
      ObjectId head = repository.resolve("HEAD^{commit}");
      if (head == null) {
        throw new InvalidInputException("the git repository " + repository.getDirectory()
            + " has no commit yet: dapp builds committed files");
      }
      RevCommit commit;
      try (RevWalk walk = new RevWalk(repository)) {
        commit = walk.parseCommit(head);
      }
      return new GitSnapshot(repository, commit);
    } catch (IOException e) {
      repository.close();
      throw new OperationFailedException("cannot read HEAD of " + repository.getDirectory() + ": " + e.getMessage(), e);
    } catch (DappException | RuntimeException e) {
      repository.close();
      throw e;
    }
  }
}
