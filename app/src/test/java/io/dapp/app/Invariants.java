package io.dapp.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.adapters.registry.JacksonManifestReader;
import io.dapp.adapters.registry.JerseyRegistryClientFactory;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What must hold whatever went wrong: a registry tag always names a manifest whose config and layers the
 * registry has (never a half-pushed image), and a local store holds only blobs whose content is their name.
 */
final class Invariants {

  private Invariants() {}

  /**
   * Checks every tag of {@code repository} (asked of the registry directly, not through a fault proxy) and
   * returns the tags, each of which names a complete image.
   */
  static List<String> everyTagIsComplete(Repository repository, DockerConfig credentials) throws Exception {
    JacksonManifestReader reader = new JacksonManifestReader();
    try (RegistryClient client = new JerseyRegistryClientFactory().open(credentials, RegistryOptions.defaults())) {
      List<String> tags = client.listTags(repository);
      for (String tag : tags) {
        Manifest manifest = client.pullManifest(repository.withTag(tag));
        ImageManifest image = reader.imageManifest(manifest);
        List<Descriptor> blobs = new ArrayList<>(image.layers());
        blobs.add(image.config());
        for (Descriptor blob : blobs) {
          assertThat(client.blobExists(repository, blob.digest()))
              .as(repository + ":" + tag + " names blob " + blob.digest() + ", which the registry must have").isTrue();
        }
      }
      return tags;
    }
  }

  /**
   * Every blob file of the store is named after the digest of its content, index.json parses and names only
   * manifests the store has, and no temporary file of an interrupted download is left in it.
   */
  static void storeIsConsistent(Path store) throws Exception {
    Path blobs = store.resolve("blobs/sha256");
    try (Stream<Path> files = Files.list(blobs)) {
      for (Path blob : files.toList()) {
        MessageDigest sha256 = Digests.newSha256();
        try (InputStream in = Files.newInputStream(blob)) {
          byte[] buffer = new byte[64 * 1024];
          int n;
          while ((n = in.read(buffer)) >= 0) {
            sha256.update(buffer, 0, n);
          }
        }
        assertThat(Digests.of(sha256).hex()).as("content of " + blob).isEqualTo(blob.getFileName().toString());
      }
    }
    JsonNode index = new ObjectMapper().readTree(store.resolve("index.json").toFile());
    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    for (JsonNode manifest : index.path("manifests")) {
      String digest = manifest.path("digest").asText();
      assertThat(blobs.resolve(digest.substring("sha256:".length()))).as("manifest " + digest + " of index.json")
          .isRegularFile();
    }
    try (Stream<Path> all = Files.walk(store)) {
      assertThat(all.filter(Files::isRegularFile).map(Path::toString).filter(p -> p.endsWith(".part")).toList())
          .as("partial downloads").isEmpty();
    }
    if (Files.isDirectory(store.resolve(".dapp-tmp"))) {
      try (Stream<Path> temporaries = Files.list(store.resolve(".dapp-tmp"))) {
        assertThat(temporaries.toList()).as("temporary blobs").isEmpty();
      }
    }
  }
}
