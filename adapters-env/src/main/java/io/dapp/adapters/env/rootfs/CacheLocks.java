package io.dapp.adapters.env.rootfs;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache locks of one component's root filesystems, one per lock file, so that their holders are counted
 * together.
 */
final class CacheLocks {

  private final ConcurrentHashMap<Path, CacheLock> byFile = new ConcurrentHashMap<>();

  CacheLock of(Path file) {
    return byFile.computeIfAbsent(file.toAbsolutePath().normalize(), CacheLock::new);
  }
}
