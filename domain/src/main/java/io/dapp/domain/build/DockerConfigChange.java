package io.dapp.domain.build;

import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.image.ContainerConfig;
import java.util.List;
import java.util.Optional;

/** Applies a dimg's {@code docker} directives to the config it inherits, as the same Dockerfile lines would. */
final class DockerConfigChange {

  private DockerConfigChange() {}

  static ContainerConfig apply(ContainerConfig base, DockerInstructions docker) {
    ContainerConfig config = base;
    if (docker.workdir().isPresent()) {
      config = config.withWorkingDir(docker.workdir().get());
    }
    if (docker.user().isPresent()) {
      config = config.withUser(docker.user().get());
    }
    config = config.withEnv(docker.env()).withLabels(docker.labels());
    // docker writes a bare port as PORT/tcp in the config.
    config = config.withExposedPorts(docker.expose().stream().map(p -> p.contains("/") ? p : p + "/tcp").toList());
    config = config.withVolumes(docker.volumes());
    if (docker.entrypoint().isPresent()) {
      config = config.withEntrypoint(docker.entrypoint().get());
      // As in a Dockerfile: a new ENTRYPOINT drops the CMD inherited from the base image.
      config = config.withCmd(Optional.empty());
    }
    if (docker.cmd().isPresent()) {
      config = config.withCmd(Optional.of(docker.cmd().get()));
    }
    return config;
  }

  /** A one-line summary for the image's history. */
  static String describe(DockerInstructions docker) {
    List<String> lines = docker.canonical().lines().toList();
    return "dapp docker: " + String.join("; ", lines);
  }
}
