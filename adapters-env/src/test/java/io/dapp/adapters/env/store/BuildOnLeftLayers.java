package io.dapp.adapters.env.store;

import io.dapp.domain.image.ContainerConfig;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.Layer;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run as a separate process by the garbage collection test, as a build would: N images, each on a layer it
 * finds in the store (left there, old, by an earlier build: written and dated two hours back here; written
 * again when a collection took it first) and a layer it writes, each tagged.
 */
public final class BuildOnLeftLayers {

  private BuildOnLeftLayers() {}

  public static void main(String[] args) throws Exception {
    OciLayoutStore store = OciLayoutStore.open(Path.of(args[0]));
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      byte[] left = (prefix + " left " + i).getBytes(StandardCharsets.UTF_8);
      Descriptor found = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(left));
      Path leftFile = Path.of(args[0], "blobs", "sha256", found.digest().hex());
      try {
        Files.setLastModifiedTime(leftFile, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
      } catch (NoSuchFileException collected) {
        // already collected: found below as missing
      }
      if (!store.hasBlob(found.digest())) {
        found = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(left));
      }
      byte[] own = (prefix + " own " + i).getBytes(StandardCharsets.UTF_8);
      Descriptor written = store.putBlob(MediaType.OCI_LAYER.value(), out -> out.write(own));
      List<Layer> layers = List.of(new Layer(found, Digests.sha256(left)), new Layer(written, Digests.sha256(own)));
      StoredImage image = store.putImage(new ImageConfig(Platform.LINUX_AMD64, Optional.empty(),
          ContainerConfig.EMPTY.withLabels(Map.of("image", prefix + i)), layers.stream().map(Layer::diffId).toList(),
          List.of()), layers);
      store.tag(prefix + "-" + i, image.manifestDescriptor());
    }
  }
}
