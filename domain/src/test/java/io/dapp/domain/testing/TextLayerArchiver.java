package io.dapp.domain.testing;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LayerContents;
import io.dapp.domain.port.LocalImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer archiver that writes a text listing instead of a tar (one line per entry, content included), so
 * use-case tests can see what went into each layer; it records every archive it made, and reads its own
 * layers back as {@link LayerContents} (what the git patches compare with).
 */
public final class TextLayerArchiver implements LayerArchiver, LayerContents {

  private final List<List<LayerEntry>> archived = new ArrayList<>();
  private final java.util.Map<io.dapp.domain.model.Digest, List<LayerEntry>> byBlob = new java.util.HashMap<>();

  @Override
  public Layer archive(List<LayerEntry> entries, LocalImageStore store) throws OperationFailedException {
    StringBuilder listing = new StringBuilder();
    for (LayerEntry entry : entries) {
      listing.append(entry.kind()).append(' ').append(entry.path()).append(' ')
          .append(Integer.toOctalString(entry.mode())).append(' ').append(entry.uid()).append(':').append(entry.gid())
          .append(entry.linkTarget().map(t -> " -> " + t).orElse(""));
      if (entry.content().isPresent()) {
        try (InputStream in = entry.content().get().open()) {
          listing.append(' ').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new OperationFailedException(e.getMessage(), e);
        }
      }
      listing.append('\n');
    }
    byte[] bytes = listing.toString().getBytes(StandardCharsets.UTF_8);
    Descriptor blob = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(bytes));
    archived.add(List.copyOf(entries));
    byBlob.put(blob.digest(), List.copyOf(entries));
    return new Layer(blob, Digests.sha256("diff " + blob.digest()));
  }

  public static String listing(LocalImageStore store, Layer layer) throws Exception {
    try (InputStream in = store.openBlob(layer.blob().digest())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public List<File> files(Layer layer, LocalImageStore store) throws OperationFailedException {
    List<LayerEntry> entries = byBlob.get(layer.blob().digest());
    if (entries == null) {
      throw new OperationFailedException("layer " + layer.blob().digest() + " was not archived by this archiver");
    }
    List<File> files = new ArrayList<>();
    for (LayerEntry entry : entries) {
      java.util.Optional<io.dapp.domain.image.ContentFingerprint> sha256 = java.util.Optional.empty();
      java.util.Optional<io.dapp.domain.image.ContentFingerprint> gitBlob = java.util.Optional.empty();
      if (entry.content().isPresent()) {
        try (InputStream in = entry.content().get().open()) {
          byte[] bytes = in.readAllBytes();
          sha256 = java.util.Optional.of(io.dapp.domain.image.ContentFingerprint.sha256(Digests.sha256(bytes)));
          java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
          sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
          sha1.update(bytes);
          gitBlob = java.util.Optional.of(io.dapp.domain.image.ContentFingerprint.gitBlob(
              java.util.HexFormat.of().formatHex(sha1.digest())));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
          throw new OperationFailedException(e.getMessage(), e);
        }
      }
      files.add(new File(entry.path(), entry.kind(), entry.mode(), entry.uid(), entry.gid(), entry.linkTarget(),
          entry.size(), sha256, gitBlob));
    }
    return files;
  }

  /** Every archive made, in order. */
  public List<List<LayerEntry>> archived() {
    return List.copyOf(archived);
  }
}
