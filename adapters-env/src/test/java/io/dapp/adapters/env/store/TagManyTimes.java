package io.dapp.adapters.env.store;

import io.dapp.domain.image.Descriptor;
import io.dapp.domain.model.MediaType;
import java.nio.file.Path;

/** Run as a separate process by the concurrency test: tags N names in a store, each pointing at a new blob. */
public final class TagManyTimes {

  private TagManyTimes() {}

  public static void main(String[] args) throws Exception {
    OciLayoutStore store = OciLayoutStore.open(Path.of(args[0]));
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      byte[] content = (prefix + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Descriptor blob = store.putBlob(MediaType.OCI_MANIFEST.value(), out -> out.write(content));
      store.tag(prefix + "-" + i, blob);
    }
  }
}
