package io.dapp.domain.port;

/** A docker config dapp wrote for one command; closing it removes it from disk. */
public interface TemporaryDockerConfig extends DockerConfig, AutoCloseable {

  /** Removes the directory. Idempotent, and never throws: it runs on every exit path. */
  @Override
  void close();
}
