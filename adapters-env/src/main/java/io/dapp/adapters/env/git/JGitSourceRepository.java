package io.dapp.adapters.env.git;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.port.SourceRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/** One open repository; JGit exceptions become one-line failures here. */
final class JGitSourceRepository implements SourceRepository {

  private static final String ORIGIN_BRANCHES = Constants.R_REMOTES + "origin/";
  private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

  private final Repository repository;

  JGitSourceRepository(Repository repository) {
    this.repository = repository;
  }

  @Override
  public Set<String> branches() throws OperationFailedException {
    Set<String> branches = new TreeSet<>();
    try {
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        branches.add(ref.getName().substring(Constants.R_HEADS.length()));
      }
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(ORIGIN_BRANCHES)) {
        String name = ref.getName().substring(ORIGIN_BRANCHES.length());
        if (!name.equals(Constants.HEAD)) {
          branches.add(name);
        }
      }
    } catch (IOException e) {
      throw failure("read the branches", e);
    }
    return branches;
  }

  @Override
  public Map<String, Instant> tags() throws OperationFailedException {
    Map<String, Instant> tags = new HashMap<>();
    try (RevWalk walk = new RevWalk(repository)) {
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        String name = ref.getName().substring(Constants.R_TAGS.length());
        RevObject object = walk.parseAny(ref.getObjectId());
        Instant date = null;
        if (object instanceof RevTag annotated) {
          PersonIdent tagger = annotated.getTaggerIdent();
          if (tagger != null) {
            date = tagger.getWhenAsInstant();
          }
          object = walk.peel(annotated);
        }
        if (date == null && object instanceof RevCommit commit) {
          date = Instant.ofEpochSecond(commit.getCommitTime());
        }
        if (date != null) {
          tags.put(name, date);
        } else {
          tags.put(name, Instant.EPOCH);
        }
      }
    } catch (IOException e) {
      throw failure("read the tags", e);
    }
    return tags;
  }

  @Override
  public Optional<Instant> commitTime(String commitId) throws OperationFailedException {
    if (!COMMIT_ID.matcher(commitId).matches()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevObject object = walk.parseAny(ObjectId.fromString(commitId));
      return object instanceof RevCommit commit
          ? Optional.of(Instant.ofEpochSecond(commit.getCommitTime()))
          : Optional.empty();
    } catch (MissingObjectException missing) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("look up commit " + commitId, e);
    }
  }

  @Override
  public boolean isShallow() {
    return Files.exists(repository.getDirectory().toPath().resolve("shallow"));
  }

  @Override
  public void close() {
    repository.close();
  }

  private OperationFailedException failure(String what, IOException e) {
    return new OperationFailedException("cannot " + what + " of the git repository " + repository.getDirectory()
        + ": " + e.getMessage(), e);
  }
}
