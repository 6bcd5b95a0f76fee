package io.dapp.adapters.env.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mounts and unmounts overlays with mount(8) and umount(8).
 *
 * <p>The options of one mount must fit in a page (4096 bytes): with absolute paths of cached layers that
 * allows only a few dozen layers. As containers-storage does with its {@code l/} links, the lower, upper and
 * work directories are given relative to a working directory that mount(8) runs in (the kernel resolves
 * them against the mounting process's directory); a cached layer's path is {@code ID/d}, 19 characters,
 * so about two hundred layers fit (overlayfs itself stacks at most 500). A child process gets its own working
 * directory: the JVM's is never changed.
 *
 * <p>Options: {@code redirect_dir=off} and {@code metacopy=off}, so that the upper directory holds every changed
 * file whole (a renamed directory is copied, a chown copies the data too) and walking it gives the complete
 * changes; {@code index=off}, so that cached layers can be mounted below any upper directory.
 */
final class OverlayMounts {

  static final int MAX_OPTIONS = 4095;

  private OverlayMounts() {}

  /** The options, or null when they do not fit in one page. */
  static String options(List<String> lowers, String upper, String work) {
    String options = "lowerdir=" + String.join(":", lowers) + ",upperdir=" + upper + ",workdir=" + work
        + ",redirect_dir=off,metacopy=off,index=off";
    return options.getBytes(StandardCharsets.UTF_8).length > MAX_OPTIONS ? null : options;
  }

  static void mount(Path workingDirectory, String options, Path target) throws IOException {
    run(workingDirectory, List.of(program("mount"), "-t", "overlay", "-o", options, "overlay", target.toString()));
  }

  /** Unmounts {@code target}; when it is busy (a process left in it), detaches it lazily. */
  static void unmount(Path target) throws IOException {
    try {
      run(target.getParent(), List.of(program("umount"), target.toString()));
    } catch (IOException busy) {
      run(target.getParent(), List.of(program("umount"), "-l", target.toString()));
    }
  }

  private static String program(String name) {
    for (String directory : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return name;
  }

  private static void run(Path workingDirectory, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    process.getOutputStream().close();
    String output;
    try {
      output = new String(process.getInputStream().readNBytes(8192), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within 60 seconds");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue() + "): "
          + output.replaceAll("\\s+", " "));
    }
  }
}
