package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * buildah, a second tool that runs what dapp builds: its own storage (vfs) and configuration in a directory
 * of the test, chroot isolation (what works on these machines), never the machine's containers storage.
 */
final class Buildah {

  private final Path root;

  Buildah(Path directory) throws Exception {
    this.root = Files.createDirectories(directory);
  }

  /** Runs {@code buildah args...} with this storage; returns its standard output. */
  String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("buildah", "--root", root.resolve("storage").toString(),
        "--runroot", root.resolve("run").toString(), "--storage-driver", "vfs"));
    command.addAll(List.of(args));
    Path errors = Files.createTempFile(root, "buildah", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
    // buildah reads registries.conf and policy.json from these; the machine's defaults are fine, but its
    // temporary files go to the test's directory.
    builder.environment().put("TMPDIR", Files.createDirectories(root.resolve("tmp")).toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + Files.readString(errors)).isZero();
    return out;
  }

  /**
   * A working container of {@code image} pulled from a plain-HTTP registry with {@code user}/{@code password}
   * ({@code docker://host:port/path:tag}); returns the container's name.
   */
  String from(String image, String user, String password) throws Exception {
    return run("from", "--tls-verify=false", "--creds", user + ":" + password, "--pull-always",
        "docker://" + image).strip();
  }

  /** A working container of {@code image} pulled from a plain-HTTP registry that needs no login. */
  String from(String image) throws Exception {
    return run("from", "--tls-verify=false", "--pull-always", "docker://" + image).strip();
  }

  /**
   * Runs {@code command} in the container with chroot isolation; returns its standard output. buildah 1.28
   * copies a command's output through a pipe of its own and, on a loaded machine, has returned none for a
   * command that printed: the command writes to a file of the container instead, read through its mount.
   */
  String runIn(String container, String... command) throws Exception {
    Path rootfs = Path.of(run("mount", container).strip());
    Path output = rootfs.resolve(OUTPUT.substring(1));
    Files.deleteIfExists(output);
    // Made here, writable by all: the command may run as the image's user, who cannot create files in /.
    Files.createFile(output);
    Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rw-rw-rw-"));
    List<String> args = new ArrayList<>(List.of("run", "--isolation", "chroot", container, "--",
        "sh", "-c", "\"$@\" > " + OUTPUT, "sh"));
    args.addAll(List.of(command));
    run(args.toArray(String[]::new));
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    return printed;
  }

  /** Where {@link #runIn} has a command's output written, in the container. */
  private static final String OUTPUT = "/.dapp-test-output";
}
