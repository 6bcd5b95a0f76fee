package io.dapp.adapters.env.dockerconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.testing.HostileInput;
import io.dapp.domain.testing.HostileJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile config.json files — every field of any type, broken base64, keys with control characters,
 * helper names that are paths, nesting thousands deep, files cut short — holding distinctive secrets:
 * reading a registry's credentials gives them or fails in one line (exit 2, or 1 for a failing helper),
 * and no message ever quotes a secret.
 */
class ConfigJsonProperties {

  private static final String SECRET = "hostile-config-secret-7d41";
  private static final String TOKEN = "hostile-identity-token-93ab";
  private static final String TEMPLATE = "{\"auths\":{%s:{\"auth\":%s,\"username\":%s,\"password\":%s,"
      + "\"identitytoken\":%s,\"registrytoken\":%s},%s:%s},\"credHelpers\":%s,\"credsStore\":%s}";
  private static final String[] GOOD = {q("registry.example.com"), q(base64("user:" + SECRET)), q("user"),
      q(SECRET), "null", "null", q("https://other.example.com/v1/"), "{\"identitytoken\":" + q(TOKEN) + "}", "{}",
      "null"};

  private static Path root;
  private static StoreFixture fixture;
  private static FileDockerConfigStore store;

  private static String q(String text) {
    return HostileJson.quote(text);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @BeforeContainer
  static void createStore() throws Exception {
    root = Files.createTempDirectory("dapp-config-properties-");
    fixture = new StoreFixture(root);
    store = fixture.store(); // PATH is an empty directory: no credential helper can be found, none run
  }

  @AfterContainer
  static void removeStore() throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Provide
  Arbitrary<String> configs() {
    return HostileJson.documents(TEMPLATE, GOOD);
  }

  @Property(tries = 200)
  void anyConfigJson_givesCredentials_orFailsInOneLine_withoutQuotingASecret(@ForAll("configs") String json)
      throws Exception {
    Path directory = Files.createTempDirectory(root, "config");
    Files.writeString(directory.resolve("config.json"), json);

    for (String registry : new String[] {"registry.example.com", "other.example.com", "docker.io"}) {
      try {
        DockerConfig config = store.openExternal(directory.toString());
        HostileInput.parse(() -> config.authFor(new RegistryHost(registry)), InvalidInputException.class,
            OperationFailedException.class);
      } catch (InvalidInputException unreadable) {
        HostileInput.assertOneLine(unreadable.getMessage());
        assertNoSecretIn(unreadable.getMessage());
      }
    }
    assertNoSecretIn(lastMessage(directory));
  }

  /** The message of the first failure reading the config for the first registry, or "". */
  private static String lastMessage(Path directory) {
    try {
      store.openExternal(directory.toString()).authFor(new RegistryHost("registry.example.com"));
      return "";
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static void assertNoSecretIn(String message) {
    for (String secret : new String[] {SECRET, TOKEN, base64("user:" + SECRET), base64(SECRET)}) {
      assertThat(message).doesNotContain(secret);
    }
  }
}
