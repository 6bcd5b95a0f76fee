package io.dapp.domain.port;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.LayerEntry;
import java.util.List;

/** Turns files into a layer: a reproducible gzip'ed tar, written into the local store. */
public interface LayerArchiver {

  /**
   * Archives {@code entries} in the order given (the caller sorts them) with a fixed mtime, and stores the
   * compressed tar as a blob. The same entries always give the same digests.
   */
  Layer archive(List<LayerEntry> entries, LocalImageStore store) throws OperationFailedException;
}
