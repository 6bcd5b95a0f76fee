package io.dapp.app;

import io.dapp.adapters.registry.StaticDockerConfig;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A base image with a shell, made without network from Debian's busybox-static: {@code /bin/busybox}, a
 * symlink in {@code /bin} for each of its applets ({@code sh}, {@code ls}, {@code mkfifo}...), a root user and
 * group, {@code /tmp}; PATH in its config. What shell stages run on in the tests; pushed to the test's
 * registry as another pipeline would have pushed a base image.
 */
final class BusyboxImage {

  static final Path BUSYBOX = Path.of("/bin/busybox");

  /** The config's {@code config}: PATH, and a shell as the default command. */
  static final String CONTAINER_CONFIG =
      "{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"/bin/sh\"]}";

  private BusyboxImage() {}

  /** Pushes the image to {@code target}, logged in by {@code auth}. */
  static OneLayerImage.Pushed push(DockerConfig auth, ImageReference target) throws Exception {
    return OneLayerImage.push(auth, target, CONTAINER_CONFIG, layer());
  }

  /** Pushes the image to {@code target} of a registry that lets a GitLab job's token in. */
  static OneLayerImage.Pushed pushAsGitlabJob(RegistryHost registry, String jobToken, ImageReference target)
      throws Exception {
    return push(StaticDockerConfig.basic(registry, "gitlab-ci-token", jobToken), target);
  }

  /** The uncompressed layer tar. */
  static byte[] layer() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String directory : List.of("bin", "etc", "root", "tmp", "usr", "usr/bin", "var")) {
        int mode = directory.equals("tmp") ? 01777 : directory.equals("root") ? 0700 : 0755;
        TarArchiveEntry entry = new TarArchiveEntry(directory + "/", TarConstants.LF_DIR);
        entry.setMode(040000 | mode);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
      file(tar, "bin/busybox", 0755, Files.readAllBytes(BUSYBOX));
      for (String applet : applets()) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarConstants.LF_SYMLINK);
        link.setLinkName("busybox");
        link.setMode(0120777);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
      file(tar, "etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
          .getBytes(StandardCharsets.UTF_8));
      file(tar, "etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8));
      tar.finish();
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String path, int mode, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_NORMAL);
    entry.setMode(0100000 | mode);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static List<String> applets() throws Exception {
    Process process = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
    String list = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("busybox --list failed");
    }
    return list.lines().filter(applet -> !applet.isBlank() && !applet.equals("busybox") && !applet.contains("/"))
        .toList();
  }
}
