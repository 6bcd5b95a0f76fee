package io.dapp.adapters.env.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The smallest image a shell stage can run in, for tests: a root directory holding Debian's static busybox
 * ({@code busybox-static}) as {@code /bin/busybox}, every applet it has as a link to it in {@code /bin}
 * ({@code /bin/sh}, {@code id}, {@code ip}, {@code sleep}...), and an empty {@code /tmp}.
 */
public final class BusyboxRoot {

  /** Where busybox-static installs it. */
  public static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final int PT_INTERP = 3;
  /** The environment a process in it needs to find its programs. */
  public static final List<String> ENVIRONMENT = List.of("PATH=/bin", "HOME=/root");

  private BusyboxRoot() {}

  /**
   * Fills {@code root} (an existing, empty directory) and returns it.
   *
   * @throws IllegalStateException when no static busybox is installed: run {@code bash .ci/install-packages}
   */
  public static Path create(Path root) throws IOException, InterruptedException {
    requireStaticBusybox();
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    for (String applet : applets()) {
      if (!applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("root"));
    return root;
  }

  private static List<String> applets() throws IOException, InterruptedException {
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
    String names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (list.waitFor() != 0) {
      throw new IllegalStateException(BUSYBOX + " --list failed: " + names.strip());
    }
    return names.lines().map(String::strip).filter(name -> !name.isEmpty() && !name.contains("/")).toList();
  }

  /** A dynamically linked busybox would need its libraries in the root: only the static one will do. */
  private static void requireStaticBusybox() throws IOException {
    if (!Files.isExecutable(BUSYBOX)) {
      throw new IllegalStateException("no " + BUSYBOX + ": apt-get install busybox-static (bash .ci/install-packages)");
    }
    if (hasInterpreter(BUSYBOX)) {
      throw new IllegalStateException(BUSYBOX + " is dynamically linked: apt-get install busybox-static");
    }
  }

  /** Whether the ELF file has a PT_INTERP program header, i.e. needs a dynamic loader. */
  private static boolean hasInterpreter(Path elf) throws IOException {
    byte[] bytes = Files.readAllBytes(elf);
    if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
      return false;
    }
    ByteBuffer file = ByteBuffer.wrap(bytes).order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    boolean is64 = bytes[4] == 2;
    long programHeaders = is64 ? file.getLong(0x20) : Integer.toUnsignedLong(file.getInt(0x1C));
    int entrySize = Short.toUnsignedInt(file.getShort(is64 ? 0x36 : 0x2A));
    int entries = Short.toUnsignedInt(file.getShort(is64 ? 0x38 : 0x2C));
    for (int i = 0; i < entries; i++) {
      long offset = programHeaders + (long) i * entrySize;
      if (offset + 4 <= bytes.length && file.getInt((int) offset) == PT_INTERP) {
        return true;
      }
    }
    return false;
  }
}
