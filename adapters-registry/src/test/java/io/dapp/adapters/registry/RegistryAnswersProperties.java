package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.MediaType;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.RegistryAction;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryException;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RetryPolicy;
import io.dapp.domain.testing.HostileInput;
import io.dapp.domain.testing.HostileJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What a hostile or broken registry sends — challenges, error bodies, manifests, indexes, configs, tag
 * lists, tokens — read by the adapter: a value dapp can use, or one of the port's exceptions with a
 * one-line message; never another exception, never a hang. Tag lists and tokens travel through a canned
 * server and the real client, the other documents go straight to their readers.
 */
class RegistryAnswersProperties {

  private static final String MANIFEST = "{\"schemaVersion\":%s,\"mediaType\":%s,\"config\":{\"mediaType\":%s,"
      + "\"digest\":%s,\"size\":%s},\"layers\":[{\"mediaType\":%s,\"digest\":%s,\"size\":%s}]}";
  private static final String[] MANIFEST_VALUES = {"2", q(MediaType.OCI_MANIFEST.value()), q(MediaType.OCI_CONFIG.value()),
      q("sha256:" + "a".repeat(64)), "7", q(MediaType.OCI_LAYER.value()), q("sha256:" + "b".repeat(64)), "9"};
  private static final String INDEX = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":%s,\"digest\":%s,\"size\":%s,"
      + "\"platform\":{\"os\":%s,\"architecture\":%s,\"variant\":%s}},%s]}";
  private static final String[] INDEX_VALUES = {q(MediaType.OCI_MANIFEST.value()), q("sha256:" + "c".repeat(64)), "5",
      q("linux"), q("amd64"), q(""), "{}"};
  private static final String CONFIG = "{\"created\":%s,\"architecture\":%s,\"os\":%s,\"config\":{\"Labels\":%s}}";
  private static final String[] CONFIG_VALUES = {q("2024-01-01T00:00:00Z"), q("amd64"), q("linux"),
      "{\"dapp-dimg\":\"true\"}"};
  private static final String TAGS = "{\"name\":%s,\"tags\":[%s,%s]}";
  private static final String[] TAGS_VALUES = {q("group/app"), q("1"), q("latest")};
  private static final String TOKEN = "{\"token\":%s,\"access_token\":%s,\"expires_in\":%s}";
  private static final String[] TOKEN_VALUES = {q("a-token"), q("a-token"), "300"};

  private static final AtomicReference<CannedServer.Reply> TAG_ANSWER = new AtomicReference<>();
  private static final AtomicReference<CannedServer.Reply> TOKEN_ANSWER = new AtomicReference<>();
  private static CannedServer registry;
  private static CannedServer tokenService;
  private static RegistryClient client;

  private static String q(String text) {
    return HostileJson.quote(text);
  }

  @BeforeContainer
  static void startCannedServers() throws Exception {
    tokenService = new CannedServer(request -> TOKEN_ANSWER.get());
    registry = new CannedServer(request -> {
      if (request.uri().startsWith("/v2/bearer/") && request.authorization() == null) {
        return CannedServer.Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:"
            + tokenService.port() + "/token\",service=\"canned\""), "");
      }
      return request.uri().equals("/v2/") ? CannedServer.Reply.of(200) : TAG_ANSWER.get();
    });
    client = new JerseyRegistryClientFactory(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .open(StaticDockerConfig.anonymous(), RegistryOptions.defaults().withRetryPolicy(RetryPolicy.NONE));
    client.ping(repository("group/app").host()); // Jersey starts slowly once: not a property's time
  }

  /** A request to a canned server on a busy machine: its read timeout (2 s) ends any real hang first. */
  private static final Duration OVER_HTTP = Duration.ofSeconds(10);

  @AfterContainer
  static void stopCannedServers() {
    client.close();
    registry.close();
    tokenService.close();
  }

  private static Repository repository(String path) {
    return new Repository(new RegistryHost("127.0.0.1:" + registry.port()), path);
  }

  // --- WWW-Authenticate ---------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("Bearer Basic realm=\"\\,; \t=:/abc").ofMaxLength(80),
        Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.strings().withChars("\"\\,=a ").ofMinLength(1000).ofMaxLength(20_000));
  }

  @Property(tries = 300)
  void anyWwwAuthenticateHeader_parsesIntoChallenges_withoutThrowing(@ForAll("headers") String header) {
    Optional<List<Challenge>> challenges = HostileInput.parse(() -> WwwAuthenticate.parse(header));

    assertThat(challenges).hasValueSatisfying(list -> assertThat(list).allSatisfy(challenge ->
        assertThat(challenge.scheme()).isNotEmpty()));
  }

  record Written(String scheme, Map<String, String> parameters) {}

  @Provide
  Arbitrary<List<Written>> challenges() {
    Arbitrary<String> token = Arbitraries.strings().withChars("abcXYZ019-._~+!#$%&'*^`|").ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> value = Arbitraries.strings().withChars("ab ,;=\"\\/:é").ofMaxLength(20);
    Arbitrary<Map<String, String>> parameters = Arbitraries.maps(token.map(String::toLowerCase), value).ofMaxSize(4);
    return Combinators.combine(Arbitraries.of("Bearer", "Basic", "Custom"), parameters).as(Written::new)
        .list().ofMinSize(1).ofMaxSize(3);
  }

  @Property(tries = 200)
  void challengesWrittenAsRfc9110Says_areReadBackExactly(@ForAll("challenges") List<Written> written) {
    String header = written.stream().map(c -> c.scheme() + (c.parameters().isEmpty() ? "" : " " + c.parameters()
            .entrySet().stream().map(p -> p.getKey() + "=\"" + p.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"").collect(Collectors.joining(", "))))
        .collect(Collectors.joining(", "));

    List<Challenge> read = WwwAuthenticate.parse(header);

    assertThat(read).extracting(Challenge::scheme)
        .containsExactlyElementsOf(written.stream().map(c -> c.scheme().toLowerCase()).toList());
    for (int i = 0; i < written.size(); i++) {
      assertThat(read.get(i).parameters()).isEqualTo(written.get(i).parameters());
    }
  }

  // --- error bodies ---------------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> errorBodies() {
    return Arbitraries.oneOf(
        HostileJson.documents("{\"errors\":[{\"code\":%s,\"message\":%s,\"detail\":%s},%s]}",
            q("MANIFEST_UNKNOWN"), q("manifest unknown"), "{}", "{\"code\":\"DENIED\"}"),
        Combinators.combine(Arbitraries.integers().between(100, 3000),
                Arbitraries.strings().withChars("ab \n\u001b").ofMaxLength(20))
            .as((n, message) -> "{\"errors\":[" + ("{\"code\":\"C\",\"message\":" + q(message) + "},").repeat(n)
                + "{}]}"),
        Arbitraries.strings().withChars("<html>\n\u001b[31m error").ofMaxLength(5000));
  }

  @Property(tries = 200)
  void anyErrorBody_becomesOneShortLine(@ForAll("errorBodies") String body) {
    RegistryErrors errors = RegistryErrors.parse(body.getBytes(StandardCharsets.UTF_8));
    RegistryException exception = new RegistryResponseException(RegistryAction.LIST_TAGS, new RegistryHost("r.io"),
        null, "", 500, "the registry answered 500: " + errors.summary("HTTP 500"));

    HostileInput.assertOneLine(exception.getMessage());
    assertThat(exception.getMessage().length()).as("message length").isLessThan(1200);
  }

  // --- manifests, indexes, configs --------------------------------------------------------------------------

  @Provide
  Arbitrary<String> manifests() {
    return HostileJson.documents(MANIFEST, MANIFEST_VALUES);
  }

  @Property(tries = 200)
  void anyImageManifest_isReadOrRefusedInOneLine(@ForAll("manifests") String json) {
    net.jqwik.api.Assume.that(!json.isEmpty()); // an empty answer is refused before it is a Manifest
    Manifest manifest = Manifest.of(MediaType.OCI_MANIFEST, json);
    JacksonManifestReader reader = new JacksonManifestReader();

    Optional<ImageManifest> image = HostileInput.parse(() -> reader.imageManifest(manifest),
        OperationFailedException.class);
    HostileInput.parse(() -> reader.configDigest(manifest), OperationFailedException.class);

    image.ifPresent(read -> assertThat(read.layers()).allSatisfy(layer ->
        assertThat(layer.digest().hex()).matches("[0-9a-f]+")));
  }

  @Provide
  Arbitrary<String> indexes() {
    return HostileJson.documents(INDEX, INDEX_VALUES);
  }

  @Property(tries = 200)
  void anyIndex_resolvesToAPlatformsDigest_orFailsInOneLine(@ForAll("indexes") String json) throws Exception {
    net.jqwik.api.Assume.that(!json.isEmpty());
    Manifest index = Manifest.of(MediaType.OCI_INDEX, json);
    ImageReference reference = ImageReference.parse("r.io/group/app:1");

    HostileInput.parse(() -> IndexResolver.select(reference, index, Platform.LINUX_AMD64), RegistryException.class);
  }

  /**
   * Found by the property above (seed -3399734893351054088, shrunk to "$" and U+0080; another seed gave U+0085):
   * the JSON parser's own complaint quoted the character raw, so the message broke the line.
   */
  @Example
  void anIndexTheParserCannotRead_isReportedWithTheCharacterEscaped() throws Exception {
    ImageReference reference = ImageReference.parse("r.io/group/app:1");
    for (String character : List.of("\u0080", "\u0085", "\u001b")) {
      Manifest index = Manifest.of(MediaType.OCI_INDEX, "$" + character + "[31m");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> IndexResolver.select(reference, index, Platform.LINUX_AMD64))
          .isInstanceOf(RegistryResponseException.class)
          .satisfies(thrown -> HostileInput.assertOneLine(thrown.getMessage()))
          .hasMessageStartingWith("pull manifest r.io/group/app:1: the index is malformed")
          .hasMessageContaining(String.format("\\u%04x", (int) character.charAt(0)));
    }
  }

  @Provide
  Arbitrary<String> configs() {
    return HostileJson.documents(CONFIG, CONFIG_VALUES);
  }

  @Property(tries = 200)
  void anyImageConfig_givesItsLabels_orFailsInOneLine(@ForAll("configs") String json) {
    HostileInput.parse(() -> new JacksonImageConfigReader().read(json.getBytes(StandardCharsets.UTF_8)),
        OperationFailedException.class);
  }

  // --- tag lists and tokens, through the client -----------------------------------------------------------

  @Provide
  Arbitrary<String> tagLists() {
    return HostileJson.documents(TAGS, TAGS_VALUES);
  }

  @Property(tries = 100)
  void anyTagList_givesTagsDappCanName_orFailsInOneLine(@ForAll("tagLists") String json) {
    TAG_ANSWER.set(CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), json));
    Repository repository = repository("group/app");

    Optional<List<String>> tags =
        HostileInput.parse(OVER_HTTP, () -> client.listTags(repository), RegistryException.class);

    // Cleanup and stages pull name each tag in a reference: each must be one.
    tags.ifPresent(list -> assertThat(list).allSatisfy(tag -> repository.withTag(tag)));
  }

  @Provide
  Arbitrary<String> tokens() {
    return HostileJson.documents(TOKEN, TOKEN_VALUES);
  }

  private static final java.util.concurrent.atomic.AtomicInteger SCOPES = new java.util.concurrent.atomic.AtomicInteger();

  @Property(tries = 100)
  void anyTokenAnswer_isUsedAsABearer_orFailsInOneLine(@ForAll("tokens") String json) {
    TOKEN_ANSWER.set(CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), json));
    TAG_ANSWER.set(CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), "{\"tags\":[\"1\"]}"));
    // A repository of its own: a scope no token was cached for, so the token service is asked.
    Repository repository = repository("bearer/app" + SCOPES.incrementAndGet());

    HostileInput.parse(OVER_HTTP, () -> client.listTags(repository), RegistryException.class);
  }

  /** Found by the property above: a lifetime past what Duration holds was an ArithmeticException. */
  @Example
  void aTokenLivingLongerThanTheClockCanCount_isUsedAsABearer() throws Exception {
    TOKEN_ANSWER.set(CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"),
        "{\"token\":\"t0ken\",\"expires_in\":83010348331692982263}"));
    TAG_ANSWER.set(CannedServer.Reply.of(200, Map.of("Content-Type", "application/json"), "{\"tags\":[\"1\"]}"));

    assertThat(client.listTags(repository("bearer/long" + SCOPES.incrementAndGet()))).containsExactly("1");
  }
}
