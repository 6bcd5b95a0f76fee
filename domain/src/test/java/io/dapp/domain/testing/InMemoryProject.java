package io.dapp.domain.testing;

import io.dapp.domain.port.ProjectSnapshot;
import io.dapp.domain.port.ProjectSource;
import io.dapp.domain.port.SourceFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A project's committed files in memory: the project source for use-case tests. */
public final class InMemoryProject implements ProjectSource {

  private final TreeMap<String, SourceFile> files = new TreeMap<>();
  private String commit = "0123456789abcdef0123456789abcdef01234567";

  public InMemoryProject file(String path, String content) {
    return file(path, content, false);
  }

  public InMemoryProject file(String path, String content, boolean executable) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    files.put(path, SourceFile.file(path, executable, bytes.length, () -> new ByteArrayInputStream(bytes)));
    return this;
  }

  /** The file at {@code path} is gone, as a commit that deletes it leaves the tree. */
  public InMemoryProject delete(String path) {
    files.remove(path);
    return this;
  }

  public InMemoryProject symlink(String path, String target) {
    files.put(path, SourceFile.symlink(path, target));
    return this;
  }

  public InMemoryProject commit(String id) {
    this.commit = id;
    return this;
  }

  @Override
  public ProjectSnapshot open(Path projectDirectory) {
    List<SourceFile> snapshot = List.copyOf(files.values());
    String id = commit;
    return new ProjectSnapshot() {
      @Override
      public Optional<String> commit() {
        return Optional.of(id);
      }

      @Override
      public List<SourceFile> files(String path) {
        return snapshot.stream()
            .filter(f -> path.isEmpty() || f.path().equals(path) || f.path().startsWith(path + "/"))
            .toList();
      }

      @Override
      public void close() {}
    };
  }
}
