package io.dapp.adapters.env.rootfs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  private static final int EEXIST = 17;
  private static final int ERANGE = 34;
  private static final int ENODATA = 61;
  private static final int EOPNOTSUPP = 95;
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  /**
   * The subset of libc used here, bound by JNA's direct mapping (native methods registered when this class is
   * first used: a call costs about what a JNI call does, not a reflective proxy's). Paths are NUL-terminated
   * bytes in the encoding Java uses for file names, so a {@link Path} and its bytes agree. Every call sets
   * errno on failure, which JNA turns into the exception.
   */
  private static final class C {
    static {
      Native.register(C.class, NativeLibrary.getInstance("c"));
    }

    static void ready() {
      // class initialisation registers the methods
    }

    static native int lsetxattr(byte[] path, byte[] name, byte[] value, long size, int flags)
        throws LastErrorException;

    static native long lgetxattr(byte[] path, byte[] name, byte[] value, long size) throws LastErrorException;

    static native long llistxattr(byte[] path, byte[] list, long size) throws LastErrorException;

    static native int lremovexattr(byte[] path, byte[] name) throws LastErrorException;

    static native int mknod(byte[] path, int mode, long dev) throws LastErrorException;

    static native int symlink(byte[] target, byte[] path) throws LastErrorException;

    static native long readlink(byte[] path, byte[] buffer, long size) throws LastErrorException;

    static native int fchmodat(int directory, byte[] path, int mode, int flags) throws LastErrorException;

    static native int fchownat(int directory, byte[] path, int uid, int gid, int flags) throws LastErrorException;

    static native int utimensat(int directory, byte[] path, long[] times, int flags) throws LastErrorException;

    static native int geteuid();

    static native String strerror(int errno);
  }

  private final Charset fileNames = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
  private volatile boolean bound;

  /** Binds the C library on first use. */
  private void bind() throws IOException {
    if (!bound) {
      try {
        C.ready();
        bound = true;
      } catch (LinkageError | RuntimeException e) {
        throw new IOException("cannot load the C library through JNA (needed for extended attributes and device "
            + "nodes): " + e, e);
      }
    }
  }

  private byte[] bytes(Path path) {
    return bytes(path.toString());
  }

  private byte[] bytes(String text) {
    byte[] encoded = text.getBytes(fileNames);
    return java.util.Arrays.copyOf(encoded, encoded.length + 1);
  }

  int effectiveUid() throws IOException {
    bind();
    return C.geteuid();
  }

  /**
   * chmod with all twelve permission bits. By path: Java's own call opens the file first, which blocks on a
   * FIFO and would open a device. Never called for a symlink (Linux has no mode for one).
   */
  void chmod(Path path, int mode) throws IOException {
    bind();
    try {
      C.fchmodat(AT_FDCWD, bytes(path), mode & 07777, 0);
    } catch (LastErrorException e) {
      throw failure("cannot set the mode of " + path, e);
    }
  }

  /** The access and modification time of {@code path} itself (a symlink's own), to the nanosecond, by path. */
  void setTimes(Path path, java.nio.file.attribute.FileTime modified) throws IOException {
    java.time.Instant time = modified.toInstant();
    long[] times = {time.getEpochSecond(), time.getNano(), time.getEpochSecond(), time.getNano()};
    bind();
    try {
      C.utimensat(AT_FDCWD, bytes(path), times, AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw failure("cannot set the times of " + path, e);
    }
  }

  /** lchown: the owner of {@code path} itself. */
  void lchown(Path path, int uid, int gid) throws IOException {
    bind();
    try {
      C.fchownat(AT_FDCWD, bytes(path), uid, gid, AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw failure("cannot set the owner of " + path, e);
    }
  }

  /** Sets (creates or replaces) one extended attribute of {@code path} itself. */
  void setXattr(Path path, String name, byte[] value) throws IOException {
    bind();
    try {
      C.lsetxattr(bytes(path), bytes(name), value, value.length, 0);
    } catch (LastErrorException e) {
      throw failure("cannot set extended attribute " + name + " of " + path, e);
    }
  }

  /** Whether a call failed because something is at the path already (EEXIST). */
  static boolean alreadyExists(IOException e) {
    return e.getCause() instanceof LastErrorException last && last.getErrorCode() == EEXIST;
  }

  /** Whether setting the attribute failed because the file system has no such namespace (EOPNOTSUPP). */
  static boolean unsupported(IOException e) {
    return e.getCause() instanceof LastErrorException last && last.getErrorCode() == EOPNOTSUPP;
  }

  void removeXattr(Path path, String name) throws IOException {
    bind();
    try {
      C.lremovexattr(bytes(path), bytes(name));
    } catch (LastErrorException e) {
      if (e.getErrorCode() != ENODATA) {
        throw failure("cannot remove extended attribute " + name + " of " + path, e);
      }
    }
  }

  /** The names of {@code path}'s extended attributes, in the order the file system gives them. */
  List<String> listXattrs(Path path) throws IOException {
    bind();
    byte[] file = bytes(path);
    for (int attempt = 0; ; attempt++) {
      try {
        long size = C.llistxattr(file, null, 0);
        if (size == 0) {
          return List.of();
        }
        byte[] names = new byte[(int) size];
        long got = C.llistxattr(file, names, names.length);
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
    bind();
    byte[] file = bytes(path);
    for (int attempt = 0; ; attempt++) {
      try {
        byte[] attribute = bytes(name);
        long size = C.lgetxattr(file, attribute, null, 0);
        byte[] value = new byte[(int) size];
        long got = size == 0 ? 0 : C.lgetxattr(file, attribute, value, value.length);
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
    bind();
    try {
      C.mknod(bytes(path), mode, makedev(major, minor));
    } catch (LastErrorException e) {
      throw failure("cannot create the device node or FIFO " + path, e);
    }
  }

  /** A symlink at {@code path} whose target is {@code target}, exactly. */
  void symlink(String target, Path path) throws IOException {
    bind();
    try {
      C.symlink(bytes(target), bytes(path));
    } catch (LastErrorException e) {
      throw failure("cannot create the symlink " + path, e);
    }
  }

  /** A symlink's target, exactly as stored. */
  String readlink(Path path) throws IOException {
    bind();
    byte[] file = bytes(path);
    byte[] buffer = new byte[256];
    while (true) {
      long n;
      try {
        n = C.readlink(file, buffer, buffer.length);
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
      reason = C.strerror(e.getErrorCode());
    } catch (LinkageError | RuntimeException ignored) {
      reason = "errno " + e.getErrorCode();
    }
    return new IOException(what + ": " + reason, e);
  }
}
