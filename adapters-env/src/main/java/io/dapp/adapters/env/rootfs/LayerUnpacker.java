package io.dapp.adapters.env.rootfs;

import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.error.UserText;
import io.dapp.domain.image.Layer;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.port.LocalImageStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks image layers, base first, into a directory as a container of the image sees it: the flattened view.
 * The directory is a plain one (the copy driver) or an overlay mount whose upper directory collects one
 * layer (the overlay driver: there the kernel turns each deletion into its own whiteout format).
 *
 * <p>The traps other unpackers fell into, and what this one does about each (found in the trackers of
 * kaniko, buildah/containers-storage, umoci, containerd, moby, go-containerregistry and the image-spec):
 * <ul>
 *   <li>Entry names with {@code ..} or a leading {@code /} (path traversal, the classic tar CVE class): a
 *       leading {@code ./} and {@code /} are stripped, {@code .} and empty segments dropped, and a name whose
 *       {@code ..} climbs above the root is refused.
 *   <li>Writing through a symlink that an earlier entry or layer put in the path ({@code etc -> /} followed by
 *       {@code etc/passwd}; a chain of links; a directory replaced by a link to {@code /} and then entries
 *       under it): each entry's parent is resolved component by component inside the root, following links
 *       as the container's kernel would after {@code chroot} (an absolute target or a {@code ..} resolves
 *       against the root and stops there: securejoin's semantics, at most 40 links), and every component that
 *       is used is a real directory there. The last component is never followed: what exists there is
 *       removed and the entry created with {@code O_EXCL}, {@code mkdir}, {@code mknod}, {@code symlink},
 *       {@code link}; owners, modes, times and attributes are set with the no-follow calls. This directory is
 *       private to this process while it is unpacked, so nothing can swap a component in between.
 *   <li>A symlink's own target is data, kept byte for byte ({@code /etc/localtime ->
 *       /usr/share/zoneinfo/UTC}); dapp never follows one on the host.
 *   <li>Hard links ({@code ../../etc/passwd}, a link to a path through a symlink, a link to a symlink):
 *       the target is cleaned and resolved like an entry's name and must exist inside the root and not be a
 *       directory; {@code link(2)} does not follow a symlink at the target, so a link to a symlink is a second
 *       name of that symlink (as GNU tar and the kernel make it), never of what it points at. An existing file
 *       at the link's own path is replaced (kaniko's "file exists" on re-linked files). Links to files of lower
 *       layers work, because the whole image is one directory tree here.
 *   <li>Whiteouts: {@code .wh.NAME} deletes NAME as the lower layers made it, and per the image-spec only
 *       those: entries of the same layer stay whatever the order in the tar (umoci's out-of-order whiteouts,
 *       moby's opaque-order bug); {@code .wh..wh..opq} empties its directory of what lower layers put there,
 *       keeping the same layer's entries in it (also deeper ones). A whiteout of {@code .} or {@code ..} is
 *       refused; other {@code .wh..wh.} names (aufs's own bookkeeping) are skipped. A directory deleted by one
 *       layer and recreated by a later one does not show the older content (buildkit's diffApply bug): here
 *       the deletion really happened.
 *   <li>A file replacing a directory and the reverse: an existing directory at a non-directory entry is
 *       removed with its content, an existing non-directory at a directory entry is removed, an existing
 *       directory at a directory entry is kept and takes the entry's metadata (and only its attributes).
 *   <li>Modes with setuid/setgid/sticky survive: the owner is set first ({@code chown} clears setuid and
 *       file capabilities), then the mode, then extended attributes (borg's lost capabilities), then times;
 *       directories' times after their content, at the end of the layer.
 *   <li>Extended attributes with binary values ({@code security.capability}): read byte for byte from the
 *       PAX header ({@link PaxXattrCapture}); overlayfs's own attributes ({@code trusted.overlay.*},
 *       {@code user.overlay.*}) in a layer are not applied, they would change what the overlay shows; an
 *       attribute namespace the file system does not support is skipped.
 *   <li>A character device 0/0 is refused: overlayfs takes it for a whiteout, so the two drivers would
 *       disagree about it.
 *   <li>{@code /proc}, {@code /dev}, {@code /sys} in a layer are unpacked like any directory (device nodes
 *       too, as root): they are inside the root, and the runner mounts over them.
 *   <li>A layer whose uncompressed bytes do not have its diff_id is refused after unpacking (cached unpacked
 *       layers are named by it).
 * </ul>
 */
final class LayerUnpacker {

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final NativeCalls calls;

  LayerUnpacker(NativeCalls calls) {
    this.calls = calls;
  }

  /** Unpacks {@code layers} (base first) into {@code root}. */
  void unpack(Path root, List<Layer> layers, LocalImageStore store) throws DappException {
    for (int i = 0; i < layers.size(); i++) {
      unpack(root, layers.get(i), i + 1, layers.size(), store);
    }
  }

  /** Unpacks one layer, number {@code number} of {@code count} (for messages), over what {@code root} holds. */
  void unpack(Path root, Layer layer, int number, int count, LocalImageStore store) throws DappException {
    String label = "layer " + layer.blob().digest().shortForm() + " (" + number + " of " + count + ")";
    String mediaType = layer.blob().mediaType();
    boolean gzip = mediaType.endsWith("gzip");
    if (!gzip && !mediaType.endsWith(".tar")) {
      throw new OperationFailedException(label + ": layers of type " + UserText.quote(mediaType)
          + " cannot be unpacked (only gzip'ed or plain tar)");
    }
    MessageDigest uncompressed = Digests.newHasher(layer.diffId().algorithm());
    Applier applier = new Applier(root, label);
    try (InputStream blob = new BufferedInputStream(store.openBlob(layer.blob().digest()), 1 << 16)) {
      InputStream tarBytes;
      try {
        tarBytes = new DigestInputStream(gzip ? new GzipCompressorInputStream(blob, true) : blob, uncompressed);
      } catch (IOException e) {
        throw new InvalidInputException(label + ": not gzip'ed: " + e.getMessage(), e);
      }
      PaxXattrCapture capture = new PaxXattrCapture(tarBytes);
      TarArchiveInputStream tar = new TarArchiveInputStream(capture, StandardCharsets.UTF_8.name());
      while (true) {
        TarArchiveEntry entry;
        try {
          entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
          throw new InvalidInputException(label + ": not a readable tar: " + e.getMessage(), e);
        }
        if (entry == null) {
          break;
        }
        Map<String, byte[]> xattrs = capture.takeXattrs();
        if (capture.entryType() != entry.getLinkFlag() || capture.entrySize() != entry.getSize()) {
          throw new InvalidInputException(label + ": entry " + UserText.quote(entry.getName())
              + ": its tar header is ambiguous (type or size read two ways)");
        }
        applier.apply(entry, xattrs, tar);
      }
      applier.finish();
      tarBytes.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new OperationFailedException(label + ": cannot be read: " + e.getMessage(), e);
    }
    Digest actual = Digests.of(uncompressed);
    if (!actual.equals(layer.diffId())) {
      throw new InvalidInputException(label + ": its tar has digest " + actual + ", not the diff_id "
          + layer.diffId() + " the image names");
    }
  }

  /** Why an entry cannot be unpacked; becomes an {@link InvalidInputException} naming the layer and the entry. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  @FunctionalInterface
  private interface Creation {
    void create() throws IOException;
  }

  /** A real directory inside the root: where it is on the host, and its path relative to the root. */
  private record Place(Path host, String relative) {
    String child(String name) {
      return relative.isEmpty() ? name : relative + "/" + name;
    }
  }

  /** One layer being applied: which paths it has made (whiteouts spare them) and which directory times are due. */
  private final class Applier {
    private final Path root;
    private final String label;
    private final Set<String> made = new HashSet<>();
    private final Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();

    Applier(Path root, String label) {
      this.root = root;
      this.label = label;
    }

    void apply(TarArchiveEntry entry, Map<String, byte[]> rawXattrs, InputStream data) throws DappException {
      String name = entry.getName();
      try {
        applyEntry(entry, rawXattrs, data);
      } catch (Refused e) {
        throw new InvalidInputException(label + ": entry " + UserText.quote(name) + ": " + e.getMessage());
      } catch (InvalidPathException e) {
        throw new InvalidInputException(label + ": entry " + UserText.quote(name) + ": not a file name here: "
            + e.getReason());
      } catch (IOException e) {
        throw new OperationFailedException(label + ": entry " + UserText.quote(name) + ": " + describe(e), e);
      }
    }

    void finish() throws DappException {
      for (Map.Entry<Path, FileTime> due : directoryTimes.entrySet()) {
        try {
          calls.setTimes(due.getKey(), due.getValue());
        } catch (IOException e) {
          throw new OperationFailedException(label + ": " + describe(e), e);
        }
      }
    }

    private void applyEntry(TarArchiveEntry entry, Map<String, byte[]> rawXattrs, InputStream data)
        throws Refused, IOException {
      List<String> segments = clean(entry.getName(), "its name");
      byte type = entry.getLinkFlag();
      // The type flag decides; a name ending in '/' makes a directory only of an old-style regular entry.
      boolean directory = type == TarConstants.LF_DIR || (isRegular(type) && entry.getName().endsWith("/"));
      if (segments.isEmpty()) {
        if (!directory) {
          throw new Refused("only a directory can be the root");
        }
        setMetadata(root, entry, rawXattrs, true, true);
        directoryTimes.put(root, entry.getLastModifiedTime());
        return;
      }
      String base = segments.get(segments.size() - 1);
      List<String> parentSegments = segments.subList(0, segments.size() - 1);
      if (base.startsWith(WHITEOUT)) {
        marker(parentSegments, base);
        return;
      }
      Place parent = resolveDirectory(parentSegments, true);
      Path target = parent.host().resolve(base);
      String relative = parent.child(base);
      if (directory) {
        if (!Metadata.isDirectory(target)) {
          Metadata.deleteTree(target);
          Files.createDirectory(target);
        }
        setMetadata(target, entry, rawXattrs, true, true);
        directoryTimes.put(target, entry.getLastModifiedTime());
      } else if (type == TarConstants.LF_LINK) {
        hardLink(target, relative, entry.getLinkName());
      } else if (type == TarConstants.LF_SYMLINK) {
        String linkTarget = entry.getLinkName();
        if (linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
          throw new Refused("a symlink needs a target");
        }
        replacing(target, () -> calls.symlink(linkTarget, target));
        setMetadata(target, entry, rawXattrs, false, false);
        calls.setTimes(target, entry.getLastModifiedTime());
      } else if (type == TarConstants.LF_FIFO || type == TarConstants.LF_CHR || type == TarConstants.LF_BLK) {
        int major = entry.getDevMajor();
        int minor = entry.getDevMinor();
        if (type == TarConstants.LF_CHR && major == 0 && minor == 0) {
          throw new Refused("a character device 0/0 is overlayfs's whiteout, not a file of an image");
        }
        int fileType = type == TarConstants.LF_FIFO ? Metadata.S_IFIFO
            : type == TarConstants.LF_CHR ? Metadata.S_IFCHR : Metadata.S_IFBLK;
        replacing(target, () -> calls.mknod(target, fileType | (entry.getMode() & 07777), major, minor));
        setMetadata(target, entry, rawXattrs, true, false);
        calls.setTimes(target, entry.getLastModifiedTime());
      } else if (isRegular(type)) {
        // CREATE_NEW (O_EXCL) never follows a link: whatever was there is removed, a new file is made.
        replacing(target, () -> {
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
            data.transferTo(out);
          }
        });
        setMetadata(target, entry, rawXattrs, true, false);
        calls.setTimes(target, entry.getLastModifiedTime());
      } else {
        throw new Refused("entry type '" + (char) type + "' cannot be part of a root filesystem");
      }
      madeWithParents(relative);
    }

    /**
     * Makes a new file, symlink or node at {@code target} with a call that fails on anything there (O_EXCL,
     * symlink, mknod: none follows a link), removing what is there first when it does: the usual case, a new
     * path, costs no extra lookup.
     */
    private void replacing(Path target, Creation creation) throws IOException {
      try {
        creation.create();
        return;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // something is there
      } catch (IOException e) {
        if (!NativeCalls.alreadyExists(e)) {
          throw e;
        }
      }
      Metadata.deleteTree(target);
      creation.create();
    }

    private boolean isRegular(byte type) {
      return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG
          || type == TarConstants.LF_GNUTYPE_SPARSE;
    }

    /** {@code .wh..wh..opq}, {@code .wh.NAME}, or aufs's other {@code .wh..wh.} files (skipped). */
    private void marker(List<String> parentSegments, String base) throws Refused, IOException {
      if (base.equals(OPAQUE)) {
        Place directory = resolveDirectory(parentSegments, true);
        madeWithParents(directory.relative());
        try (var children = Files.list(directory.host())) {
          for (Path child : (Iterable<Path>) children::iterator) {
            hideLower(directory.child(child.getFileName().toString()), child);
          }
        }
        return;
      }
      if (base.startsWith(WHITEOUT + WHITEOUT)) {
        return;
      }
      String hidden = base.substring(WHITEOUT.length());
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
        throw new Refused("a whiteout must name a file in its directory");
      }
      Place directory = resolveDirectory(parentSegments, false);
      if (directory != null) {
        hideLower(directory.child(hidden), directory.host().resolve(hidden));
      }
    }

    /** Deletes what lower layers have at {@code host}, sparing what this layer made there. */
    private void hideLower(String relative, Path host) throws IOException {
      if (!made.contains(relative)) {
        Metadata.deleteTree(host);
        return;
      }
      if (Metadata.isDirectory(host)) {
        try (var children = Files.list(host)) {
          for (Path child : (Iterable<Path>) children::iterator) {
            hideLower(relative + "/" + child.getFileName(), child);
          }
        }
      }
    }

    private void hardLink(Path target, String relative, String linkName) throws Refused, IOException {
      List<String> segments = clean(linkName, "its hard link target " + UserText.quote(linkName));
      if (segments.isEmpty()) {
        throw new Refused("a hard link needs a target");
      }
      Place parent = resolveDirectory(segments.subList(0, segments.size() - 1), false);
      String base = segments.get(segments.size() - 1);
      Path existing = parent == null ? null : parent.host().resolve(base);
      if (existing == null || !Metadata.exists(existing)) {
        throw new Refused("hard link to " + UserText.quote(linkName) + ", which is not in the image");
      }
      if (Metadata.isDirectory(existing)) {
        throw new Refused("hard link to the directory " + UserText.quote(linkName));
      }
      if (parent.child(base).equals(relative)) {
        return; // a link to itself: it is there already
      }
      Metadata.deleteTree(target);
      // link(2) does not follow a symlink at the target: a link to a symlink is another name of that symlink.
      Files.createLink(target, existing);
    }

    private void madeWithParents(String relative) {
      String path = relative;
      while (!path.isEmpty() && made.add(path)) {
        int slash = path.lastIndexOf('/');
        path = slash < 0 ? "" : path.substring(0, slash);
      }
    }

    /**
     * The directory {@code segments} name, resolved inside the root as the container would see it: symlinks
     * followed (an absolute target from the root, {@code ..} never above it). Missing directories are made
     * when {@code create}; otherwise a missing one or a non-directory gives null.
     */
    private Place resolveDirectory(List<String> segments, boolean create) throws Refused, IOException {
      java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(segments);
      List<String> done = new ArrayList<>();
      Path current = root;
      int links = 0;
      while (!todo.isEmpty()) {
        String segment = todo.pollFirst();
        if (segment.isEmpty() || segment.equals(".")) {
          continue;
        }
        if (segment.equals("..")) {
          if (!done.isEmpty()) {
            done.remove(done.size() - 1);
            current = current.getParent();
          }
          continue;
        }
        Path candidate = current.resolve(segment);
        Metadata.Kind kind = Metadata.kindOf(candidate);
        if (kind == Metadata.Kind.MISSING) {
          if (!create) {
            return null;
          }
          Files.createDirectory(candidate);
          calls.chmod(candidate, 0755);
          kind = Metadata.Kind.DIRECTORY;
        }
        if (kind == Metadata.Kind.SYMLINK) {
          if (++links > 40) {
            throw new Refused("too many levels of symbolic links in its path");
          }
          String target = calls.readlink(candidate);
          List<String> parts = List.of(target.split("/"));
          for (int i = parts.size() - 1; i >= 0; i--) {
            todo.addFirst(parts.get(i));
          }
          if (target.startsWith("/")) {
            done.clear();
            current = root;
          }
          continue;
        }
        if (kind != Metadata.Kind.DIRECTORY) {
          if (!create) {
            return null;
          }
          done.add(segment);
          throw new Refused(UserText.quote(String.join("/", done)) + " is not a directory");
        }
        done.add(segment);
        current = candidate;
      }
      return new Place(current, String.join("/", done));
    }

    /** Owner, then mode (chown clears setuid), then extended attributes (chown clears capabilities). */
    private void setMetadata(Path target, TarArchiveEntry entry, Map<String, byte[]> rawXattrs, boolean withMode,
        boolean directory) throws IOException {
      calls.lchown(target, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
      if (withMode) {
        calls.chmod(target, entry.getMode() & 07777);
      }
      Map<String, byte[]> xattrs = xattrs(entry, rawXattrs);
      if (directory) {
        // An existing directory takes the entry's attributes: those it had from below go.
        for (String name : calls.listXattrs(target)) {
          if (!xattrs.containsKey(name) && !Metadata.isOverlayOwn(name) && !name.startsWith("system.")) {
            calls.removeXattr(target, name);
          }
        }
      }
      for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
        try {
          calls.setXattr(target, xattr.getKey(), xattr.getValue());
        } catch (IOException e) {
          if (!NativeCalls.unsupported(e)) {
            throw e;
          }
        }
      }
    }

    /** The entry's {@code SCHILY.xattr.*} attributes, with the exact bytes where the local header had them. */
    private Map<String, byte[]> xattrs(TarArchiveEntry entry, Map<String, byte[]> raw) {
      Map<String, byte[]> result = new LinkedHashMap<>();
      for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
        if (header.getKey().startsWith(PaxXattrCapture.PREFIX)) {
          String name = header.getKey().substring(PaxXattrCapture.PREFIX.length());
          byte[] value = raw.getOrDefault(name, header.getValue().getBytes(StandardCharsets.UTF_8));
          if (!Metadata.isOverlayOwn(name)) {
            result.put(name, value);
          }
        }
      }
      return result;
    }
  }

  /**
   * A name of the tar, or a hard link's target, as segments relative to the root: leading {@code ./} and
   * {@code /} stripped, {@code .} and empty segments dropped, {@code ..} applied; one that climbs above the
   * root is refused.
   */
  static List<String> clean(String name, String what) throws Refused {
    if (name.indexOf('\0') >= 0) {
      throw new Refused(what + " contains a NUL character");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          throw new Refused(what + " climbs above the root with '..'");
        }
        segments.remove(segments.size() - 1);
        continue;
      }
      segments.add(segment);
    }
    return segments;
  }

  static String describe(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getFile() + ": " + fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
