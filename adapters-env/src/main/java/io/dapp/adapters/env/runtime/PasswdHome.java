package io.dapp.adapters.env.runtime;

import io.dapp.adapters.env.rootfs.PathsInRoot;
import io.dapp.domain.error.OperationFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The {@code HOME} a process gets when its environment names none, as runc sets it: the home directory of
 * its uid in the root's {@code /etc/passwd}, else {@code /}. The file is found inside the root (its links
 * followed as the process would see them) and read without following a link.
 */
final class PasswdHome {

  private static final int MAX_BYTES = 1 << 20;

  private PasswdHome() {}

  static String of(Path root, int uid) {
    try {
      Path passwd = PathsInRoot.resolve(root, "/etc/passwd");
      BasicFileAttributes attributes = Files.readAttributes(passwd, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return "/";
      }
      try (SeekableByteChannel channel = Files.newByteChannel(passwd,
          Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
          InputStream in = Channels.newInputStream(channel)) {
        String content = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        return home(content, uid);
      }
    } catch (NoSuchFileException e) {
      return "/";
    } catch (IOException | OperationFailedException e) {
      // An unreadable passwd names no home, as for runc.
      return "/";
    }
  }

  /** name:password:uid:gid:gecos:home:shell; the first entry of {@code uid} with a home wins. */
  static String home(String passwd, int uid) {
    for (String line : passwd.split("\n")) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 6 && fields[2].equals(Integer.toString(uid)) && fields[5].startsWith("/")) {
        return fields[5];
      }
    }
    return "/";
  }
}
