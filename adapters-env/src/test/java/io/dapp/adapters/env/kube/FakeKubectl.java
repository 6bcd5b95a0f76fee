package io.dapp.adapters.env.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code kubectl} script in a directory the test puts on PATH: it records its arguments and prints the
 * given JSON (or fails). Shared with the application's end-to-end tests through this module's test jar.
 */
public final class FakeKubectl {

  private final Path bin;

  public FakeKubectl(Path bin) throws IOException {
    this.bin = Files.createDirectories(bin);
  }

  /** kubectl answers with these workloads: one pod per image, in namespace {@code apps}. */
  public FakeKubectl runningPods(String... images) throws IOException {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      items.append(i > 0 ? "," : "").append("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod").append(i)
          .append("\",\"namespace\":\"apps\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"")
          .append(images[i]).append("\"}]}}");
    }
    return answering("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + items + "]}", 0, "");
  }

  public FakeKubectl answering(String json, int exitStatus, String stderr) throws IOException {
    Path answer = bin.resolve("kubectl.json");
    Files.writeString(answer, json);
    Path script = bin.resolve("kubectl");
    Files.writeString(script, "#!/bin/sh\n"
        + "printf '%s\\n' \"$*\" >> '" + bin.resolve("kubectl.calls") + "'\n"
        + "cat '" + answer + "'\n"
        + (stderr.isEmpty() ? "" : "printf '%s\\n' '" + stderr + "' >&2\n")
        + "exit " + exitStatus + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  /** The argument lines of every call, in order; empty when never called. */
  public java.util.List<String> calls() throws IOException {
    Path calls = bin.resolve("kubectl.calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : java.util.List.of();
  }

  public Path bin() {
    return bin;
  }
}
