package io.dapp.domain.testing;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.port.LayerArchiver;
import io.dapp.domain.port.LocalImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer archiver that writes a text listing instead of a tar (one line per entry, content included), so
 * use-case tests can see what went into each layer; it records every archive it made.
 */
public final class TextLayerArchiver implements LayerArchiver {

  private final List<List<LayerEntry>> archived = new ArrayList<>();

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
    return new Layer(blob, Digests.sha256("diff " + blob.digest()));
  }

  public static String listing(LocalImageStore store, Layer layer) throws Exception {
    try (InputStream in = store.openBlob(layer.blob().digest())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every archive made, in order. */
  public List<List<LayerEntry>> archived() {
    return List.copyOf(archived);
  }
}
