package io.dapp.adapters.env.rootfs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Linux calls a root filesystem needs and Java has no API for: extended attributes of any namespace
 * ({@code security.capability}, {@code trusted.overlay.opaque}; Java's user-defined view knows only
 * {@code user.*}), device nodes and FIFOs ({@code mknod}), symlinks whose target is kept byte for byte (a
 * {@link Path} drops a trailing slash and doubled slashes), and the effective uid. None of them follows a
 * symlink at the last component.
 *
 * <p>The C library is bound through JNA the first time one of these is called, not before: other commands
 * never pay for it. A failure to bind is an {@link IOException} with one line.
 */
final class NativeCalls {

  private static final int ERANGE = 34;
  private static final int ENODATA = 61;
  private static final int EOPNOTSUPP = 95;
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  /** The subset of libc used here; every call sets errno on failure, which JNA turns into the exception. */
  interface LibC extends Library {
    int lsetxattr(String path, String name, byte[] value, NativeLong size, int flags) throws LastErrorException;

    NativeLong lgetxattr(String path, String name, byte[] value, NativeLong size) throws LastErrorException;

    NativeLong llistxattr(String path, byte[] list, NativeLong size) throws LastErrorException;

    int lremovexattr(String path, String name) throws LastErrorException;

    int mknod(String path, int mode, long dev) throws LastErrorException;

    int symlink(String target, String path) throws LastErrorException;

    NativeLong readlink(String path, byte[] buffer, NativeLong size) throws LastErrorException;

    int fchmodat(int directory, String path, int mode, int flags) throws LastErrorException;

    int utimensat(int directory, String path, long[] times, int flags) throws LastErrorException;

    int geteuid();

    String strerror(int errno);
  }

  private final Charset fileNames = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
  private LibC libc;

  private synchronized LibC libc() throws IOException {
    if (libc == null) {
      try {
        // File names are passed in the encoding Java uses for them, so a Path and its bytes agree.
        libc = Native.load("c", LibC.class, Map.of(Library.OPTION_STRING_ENCODING, fileNames.name()));
      } catch (LinkageError | RuntimeException e) {
        throw new IOException("cannot load the C library through JNA (needed for extended attributes and device "
            + "nodes): " + e.getMessage(), e);
      }
    }
    return libc;
  }

  int effectiveUid() throws IOException {
    return libc().geteuid();
  }

  /**
   * chmod with all twelve permission bits. By path: Java's own call opens the file first, which blocks on a
   * FIFO and would open a device. Never called for a symlink (Linux has no mode for one).
   */
  void chmod(Path path, int mode) throws IOException {
    LibC c = libc();
    try {
      c.fchmodat(AT_FDCWD, path.toString(), mode & 07777, 0);
    } catch (LastErrorException e) {
      throw failure("cannot set the mode of " + path, e);
    }
  }

  /** The access and modification time of {@code path} itself (a symlink's own), to the nanosecond, by path. */
  void setTimes(Path path, java.nio.file.attribute.FileTime modified) throws IOException {
    java.time.Instant time = modified.toInstant();
    long[] times = {time.getEpochSecond(), time.getNano(), time.getEpochSecond(), time.getNano()};
    LibC c = libc();
    try {
      c.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw failure("cannot set the times of " + path, e);
    }
  }

  /** Sets (creates or replaces) one extended attribute of {@code path} itself. */
  void setXattr(Path path, String name, byte[] value) throws IOException {
    LibC c = libc();
    try {
      c.lsetxattr(path.toString(), name, value, new NativeLong(value.length), 0);
    } catch (LastErrorException e) {
      throw failure("cannot set extended attribute " + name + " of " + path, e);
    }
  }

  /** Whether setting the attribute failed because the file system has no such namespace (EOPNOTSUPP). */
  static boolean unsupported(IOException e) {
    return e.getCause() instanceof LastErrorException last && last.getErrorCode() == EOPNOTSUPP;
  }

  void removeXattr(Path path, String name) throws IOException {
    LibC c = libc();
    try {
      c.lremovexattr(path.toString(), name);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != ENODATA) {
        throw failure("cannot remove extended attribute " + name + " of " + path, e);
      }
    }
  }

  /** The names of {@code path}'s extended attributes, in the order the file system gives them. */
  List<String> listXattrs(Path path) throws IOException {
    LibC c = libc();
    String file = path.toString();
    for (int attempt = 0; ; attempt++) {
      try {
        long size = c.llistxattr(file, null, new NativeLong(0)).longValue();
        if (size == 0) {
          return List.of();
        }
        byte[] names = new byte[(int) size];
        long got = c.llistxattr(file, names, new NativeLong(names.length)).longValue();
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < got; i++) {
          if (names[i] == 0) {
            if (i > start) {
              result.add(new String(names, start, i - start, fileNames));
            }
            start = i + 1;
          }
        }
        return result;
      } catch (LastErrorException e) {
        // The list grew between the two calls: ask again.
        if (e.getErrorCode() != ERANGE || attempt > 3) {
          throw failure("cannot list the extended attributes of " + path, e);
        }
      }
    }
  }

  /** One extended attribute's bytes; empty array when it has no value, null when there is no such attribute. */
  byte[] getXattr(Path path, String name) throws IOException {
    LibC c = libc();
    String file = path.toString();
    for (int attempt = 0; ; attempt++) {
      try {
        long size = c.lgetxattr(file, name, null, new NativeLong(0)).longValue();
        byte[] value = new byte[(int) size];
        long got = size == 0 ? 0 : c.lgetxattr(file, name, value, new NativeLong(value.length)).longValue();
        return got == value.length ? value : java.util.Arrays.copyOf(value, (int) got);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ENODATA) {
          return null;
        }
        if (e.getErrorCode() != ERANGE || attempt > 3) {
          throw failure("cannot read extended attribute " + name + " of " + path, e);
        }
      }
    }
  }

  /** Creates a device node or FIFO: {@code mode} holds the file type bits ({@code S_IFCHR}...) and the permissions. */
  void mknod(Path path, int mode, int major, int minor) throws IOException {
    LibC c = libc();
    try {
      c.mknod(path.toString(), mode, makedev(major, minor));
    } catch (LastErrorException e) {
      throw failure("cannot create the device node or FIFO " + path, e);
    }
  }

  /** A symlink at {@code path} whose target is {@code target}, exactly. */
  void symlink(String target, Path path) throws IOException {
    LibC c = libc();
    try {
      c.symlink(target, path.toString());
    } catch (LastErrorException e) {
      throw failure("cannot create the symlink " + path, e);
    }
  }

  /** A symlink's target, exactly as stored. */
  String readlink(Path path) throws IOException {
    LibC c = libc();
    String file = path.toString();
    byte[] buffer = new byte[256];
    while (true) {
      long n;
      try {
        n = c.readlink(file, buffer, new NativeLong(buffer.length)).longValue();
      } catch (LastErrorException e) {
        throw failure("cannot read the symlink " + path, e);
      }
      if (n < buffer.length) {
        return new String(buffer, 0, (int) n, fileNames);
      }
      buffer = new byte[buffer.length * 4];
    }
  }

  /** glibc's encoding of a device number (sys/sysmacros.h). */
  static long makedev(int major, int minor) {
    long ma = major & 0xffffffffL;
    long mi = minor & 0xffffffffL;
    return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL) | ((mi & 0xffffff00L) << 12);
  }

  static int major(long dev) {
    return (int) (((dev >>> 8) & 0x00000fffL) | ((dev >>> 32) & 0xfffff000L));
  }

  static int minor(long dev) {
    return (int) ((dev & 0x000000ffL) | ((dev >>> 12) & 0xffffff00L));
  }

  private IOException failure(String what, LastErrorException e) {
    String reason;
    try {
      reason = libc().strerror(e.getErrorCode());
    } catch (IOException | RuntimeException ignored) {
      reason = "errno " + e.getErrorCode();
    }
    return new IOException(what + ": " + reason, e);
  }
}
