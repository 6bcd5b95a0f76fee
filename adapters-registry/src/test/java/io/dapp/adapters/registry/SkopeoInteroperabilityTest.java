package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.TestImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What dapp pushes, skopeo reads; what skopeo pushes, dapp reads. */
class SkopeoInteroperabilityTest {

  @RegisterExtension
  static final DistributionRegistry REGISTRY = DistributionRegistry.anonymous();

  @TempDir
  Path temp;

  private final RegistryClient client =
      new JerseyRegistryClientFactory().open(StaticDockerConfig.anonymous(), RegistryOptions.defaults());

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void anImagePushedByDapp_isInspectedBySkopeo() throws Exception {
    Repository repository = REGISTRY.newRepository();
    TestImage image = TestImage.create(101);
    for (BlobSource blob : image.blobs()) {
      client.pushBlob(repository, blob, Optional.empty());
    }
    client.pushManifest(repository.withTag("by-dapp"), image.manifest());

    JsonNode inspected = new ObjectMapper().readTree(
        skopeo("inspect", "--tls-verify=false", "docker://" + repository + ":by-dapp"));

    assertThat(inspected.get("Digest").asText()).isEqualTo(image.digest().toString());
    assertThat(inspected.get("Layers").get(0).asText()).isEqualTo(image.layer().digest().toString());
  }

  @Test
  void anImagePushedBySkopeo_isReadByDapp() throws Exception {
    TestImage image = TestImage.create(202);
    Path layout = writeOciLayout(image);
    Repository repository = REGISTRY.newRepository();

    skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + repository + ":by-skopeo");

    Manifest pulled = client.pullImageManifest(repository.withTag("by-skopeo"), Optional.empty());
    JsonNode manifest = new ObjectMapper().readTree(pulled.content());
    assertThat(manifest.get("config").get("digest").asText()).isEqualTo(image.config().digest().toString());
    // skopeo compresses a layer that is not gzip yet, so the layer is read under the digest it pushed.
    JsonNode layerDescriptor = manifest.get("layers").get(0);
    Path layer = temp.resolve("layer");
    long size = client.pullBlob(repository, Digest.parse(layerDescriptor.get("digest").asText()), layer);
    assertThat(size).isEqualTo(layerDescriptor.get("size").asLong()).isEqualTo(Files.size(layer));
    assertThat(client.listTags(repository)).containsExactly("by-skopeo");
  }

  private Path writeOciLayout(TestImage image) throws Exception {
    Path layout = temp.resolve("layout");
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    for (BlobSource blob : image.blobs()) {
      try (InputStream in = blob.opener().open()) {
        Files.write(blobs.resolve(blob.digest().hex()), in.readAllBytes());
      }
    }
    Files.write(blobs.resolve(image.digest().hex()), image.manifest().content());
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
        + image.manifest().mediaType() + "\",\"digest\":\"" + image.digest() + "\",\"size\":" + image.manifest().size()
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
    return layout;
  }

  private String skopeo(String... arguments) throws Exception {
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
    List<String> command = new ArrayList<>(List.of("skopeo", "--policy", policy.toString()));
    command.addAll(List.of(arguments));
    Path output = temp.resolve("skopeo.out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("skopeo did not finish");
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("skopeo %s: %s", command, text).isZero();
    return text;
  }
}
