package io.dapp.adapters.env.layer;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LocalImageStore;
import jakarta.inject.Inject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes layers as reproducible gzip'ed tars: entries in the order given, each with its mtime in whole seconds
 * (the epoch for files without a time of their own), no user or group names, long names and large sizes as PAX
 * headers, extended attributes as PAX {@code SCHILY.xattr.*} records with their exact bytes, whiteouts as
 * {@code .wh.NAME} and opaque markers as {@code DIR/.wh..wh..opq} (empty regular files), and a gzip header
 * without time or file name. The same entries always give the same bytes.
 * The compressed bytes go straight into the store while both digests (blob and diff_id) are computed on
 * the way, in one pass.
 */
public final class TarGzLayerArchiver implements LayerArchiver {

  private static final int FILE_TYPE = 0100000;
  private static final int DIRECTORY_TYPE = 040000;
  private static final int SYMLINK_TYPE = 0120000;
  private static final int FIFO_TYPE = 010000;
  private static final int CHAR_DEVICE_TYPE = 020000;
  private static final int BLOCK_DEVICE_TYPE = 060000;
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  @Inject
  public TarGzLayerArchiver() {
  }

  @Override
  public Layer archive(List<LayerEntry> entries, LocalImageStore store) throws OperationFailedException {
    MessageDigest uncompressed = Digests.newSha256();
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> {
      GzipParameters parameters = new GzipParameters();
      parameters.setModificationTime(0);
      parameters.setOperatingSystem(255); // "unknown": the same on every machine
      try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(new KeepOpen(out), parameters);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, uncompressed),
              "UTF-8")) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (LayerEntry entry : entries) {
          write(tar, entry);
        }
        tar.finish();
      }
    });
    return new Layer(blob, Digests.of(uncompressed));
  }

  private static void write(TarArchiveOutputStream tar, LayerEntry entry) throws IOException {
    String name = switch (entry.kind()) {
      case DIRECTORY -> entry.path() + "/";
      case WHITEOUT -> sibling(entry.path(), WHITEOUT + baseName(entry.path()));
      case OPAQUE -> entry.path() + "/" + OPAQUE;
      default -> entry.path();
    };
    byte flag = switch (entry.kind()) {
      case DIRECTORY -> TarConstants.LF_DIR;
      case SYMLINK -> TarConstants.LF_SYMLINK;
      case HARDLINK -> TarConstants.LF_LINK;
      case FIFO -> TarConstants.LF_FIFO;
      case CHAR_DEVICE -> TarConstants.LF_CHR;
      case BLOCK_DEVICE -> TarConstants.LF_BLK;
      case FILE, WHITEOUT, OPAQUE -> TarConstants.LF_NORMAL;
    };
    int type = switch (entry.kind()) {
      case DIRECTORY -> DIRECTORY_TYPE;
      case SYMLINK -> SYMLINK_TYPE;
      case FIFO -> FIFO_TYPE;
      case CHAR_DEVICE -> CHAR_DEVICE_TYPE;
      case BLOCK_DEVICE -> BLOCK_DEVICE_TYPE;
      default -> FILE_TYPE;
    };
    TarArchiveEntry header = new TarArchiveEntry(name, flag);
    header.setMode(type | entry.mode());
    // Whole seconds only: a fraction would make commons-compress add a PAX mtime record.
    header.setModTime(FileTime.from(entry.mtime().getEpochSecond(), TimeUnit.SECONDS));
    header.setUserId(entry.uid());
    header.setGroupId(entry.gid());
    header.setUserName("");
    header.setGroupName("");
    entry.linkTarget().ifPresent(header::setLinkName);
    if (entry.kind() == LayerEntry.Kind.CHAR_DEVICE || entry.kind() == LayerEntry.Kind.BLOCK_DEVICE) {
      header.setDevMajor(entry.device().major());
      header.setDevMinor(entry.device().minor());
    }
    header.setSize(entry.size());
    if (!entry.xattrs().isEmpty()) {
      XattrPaxHeader.write(tar, header, entry.xattrs());
    }
    tar.putArchiveEntry(header);
    if (entry.content().isPresent()) {
      try (InputStream in = entry.content().get().open()) {
        long copied = copy(in, tar, entry.size());
        if (copied != entry.size() || in.read() >= 0) {
          throw new IOException(entry.path() + " changed while it was archived");
        }
      }
    }
    tar.closeArchiveEntry();
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String sibling(String path, String name) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? name : path.substring(0, slash + 1) + name;
  }

  private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    while (copied < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  /** Closing the gzip stream finishes it, but the store's stream is the store's to close. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
