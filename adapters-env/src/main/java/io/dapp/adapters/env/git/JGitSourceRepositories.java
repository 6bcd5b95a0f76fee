package io.dapp.adapters.env.git;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.SourceRepositories;
import io.dapp.domain.port.SourceRepository;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Opens the project's git repository with JGit: no git executable needed. */
public final class JGitSourceRepositories implements SourceRepositories {

  @Inject
  public JGitSourceRepositories() {
  }

  @Override
  public SourceRepository open(Path projectDirectory) throws InvalidInputException, OperationFailedException {
    Objects.requireNonNull(projectDirectory, "'projectDirectory' must not be null");
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(projectDirectory.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      throw new InvalidInputException("no git repository at or above " + projectDirectory
          + ": cleanup decides by the project's git branches, tags and commits (use --dir)");
    }
    try {
      Repository repository = builder.setMustExist(true).build();
      return new JGitSourceRepository(repository);
    } catch (IOException e) {
      throw new OperationFailedException("cannot open the git repository " + builder.getGitDir() + ": " + e.getMessage(), e);
    }
  }
}
