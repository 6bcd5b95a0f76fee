package io.dapp.domain.port;

import io.dapp.domain.dappfile.Mount;
import io.dapp.domain.error.DappException;
import io.dapp.domain.model.ProjectId;
import java.nio.file.Path;

/**
 * The directories of this machine a dappfile's {@code mount} puts in a stage: a {@code build_dir} kept for
 * the project under the local store between builds (package caches), held by one stage at a time; a
 * {@code tmp_dir} made empty for one stage and removed after it.
 */
public interface MountDirectories {

  /** One directory, ready to mount; closing it ends the stage's hold (a tmp_dir is then removed). */
  interface Held extends AutoCloseable {

    Path path();

    @Override
    void close();
  }

  /**
   * The directory for {@code mount} of {@code project}'s stages in {@code store}. A build_dir another stage
   * holds (a concurrent build of the project) is waited for.
   */
  Held hold(Mount mount, ProjectId project, LocalImageStore store) throws DappException;

  /** Removes the project's build_dirs (the local flush commands); returns how many were removed. */
  int removeBuildDirectories(ProjectId project, LocalImageStore store) throws DappException;
}
