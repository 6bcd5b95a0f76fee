package io.dapp.adapters.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.registry.BlobPush;
import io.dapp.domain.registry.BlobSource;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.registry.RegistryResponseException;
import io.dapp.domain.registry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Uploads to a registry that wants chunks ({@link ChunkingRegistry}): the switch from one PUT with the whole
 * blob (the default) to one PATCH and from that to chunks, the chunk size, Content-Range, Location and Range
 * followed, and a chunk resumed after it broke off.
 */
class ChunkedUploadTest {

  private static final long MIB = 1024 * 1024;
  private static final RegistryOptions OPTIONS = RegistryOptions.defaults()
      .withRetryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30)));

  private static final BlobUploads STREAMED = new BlobUploads(BlobUploads.Mode.STREAMED, BlobUploads.DEFAULT_CHUNK_SIZE);

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private RegistryClient open(BlobUploads uploads) {
    return new JerseyRegistryClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(10), sleeper.tools(), uploads)
        .open(StaticDockerConfig.anonymous(), OPTIONS);
  }

  private static BlobSource blob(long seed, long size) {
    byte[] content = new byte[(int) size];
    new Random(seed).nextBytes(content);
    return BlobSource.ofBytes(content);
  }

  private static Repository repository(CannedServer server) {
    return new Repository(new RegistryHost("127.0.0.1:" + server.port()), "group/app");
  }

  private static List<CannedServer.Received> sent(CannedServer server, String method) {
    return server.received().stream().filter(r -> r.method().equals(method)).toList();
  }

  private static List<String> contentRanges(CannedServer server) {
    return sent(server, "PATCH").stream().map(r -> String.valueOf(r.header("Content-Range"))).toList();
  }

  @Test
  void registryRefusingTheWholeBlobWith416_getsChunksOfItsMinimumLength_inContentRangeOrder() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.of(MIB), 416, null, (n, r) -> Optional.empty());
    BlobSource blob = blob(1, 3 * MIB + MIB / 2);
    try (CannedServer server = new CannedServer(registry); RegistryClient client = open(STREAMED)) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.problems()).isEmpty();
      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      // First the whole blob in one streaming PATCH, with Content-Length and no Content-Range: refused.
      CannedServer.Received whole = sent(server, "PATCH").get(0);
      assertThat(whole.header("Content-Length")).isEqualTo(Long.toString(blob.size()));
      assertThat(whole.header("Transfer-Encoding")).isNull();
      assertThat(whole.uri()).isEqualTo("/v2/group/app/blobs/uploads/s1?_state=0");
      // Then a fresh session, in chunks of the registry's minimum, each at the Location the last answer gave.
      assertThat(contentRanges(server)).containsExactly("null",
          "0-1048575", "1048576-2097151", "2097152-3145727", "3145728-3670015");
      assertThat(sent(server, "PATCH").subList(1, 5)).extracting(CannedServer.Received::uri).containsExactly(
          "/v2/group/app/blobs/uploads/s2?_state=0", "/v2/group/app/blobs/uploads/s2?_state=1048576",
          "/v2/group/app/blobs/uploads/s2?_state=2097152", "/v2/group/app/blobs/uploads/s2?_state=3145728");
      assertThat(sent(server, "PUT")).singleElement().satisfies(put -> {
        assertThat(put.uri()).startsWith("/v2/group/app/blobs/uploads/s2?_state=3670016&digest=sha256%3A");
        assertThat(put.bodyLength()).isZero();
        assertThat(put.header("Content-Length")).isEqualTo("0");
      });
    }
  }

  @Test
  void registryRefusingTheWholeBlobWith413_namingNoMinimum_getsChunksOfTheDefaultSize() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.empty(), 413, null, (n, r) -> Optional.empty());
    BlobSource blob = blob(2, BlobUploads.DEFAULT_CHUNK_SIZE + 1000);
    try (CannedServer server = new CannedServer(registry); RegistryClient client = open(STREAMED)) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.problems()).isEmpty();
      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      assertThat(contentRanges(server)).containsExactly("null", "0-8388607", "8388608-8389607");
    }
  }

  @Test
  void registryHoldingLessThanItWasSent_getsTheRestFromTheByteAfterItsRange() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.empty(), 0, MIB, (n, r) -> Optional.empty());
    BlobSource blob = blob(3, 3 * MIB);
    try (CannedServer server = new CannedServer(registry); RegistryClient client = open(STREAMED)) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.problems()).isEmpty();
      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      assertThat(contentRanges(server)).containsExactly("null", "1048576-3145727");
      assertThat(sent(server, "PATCH").get(1).uri()).isEqualTo("/v2/group/app/blobs/uploads/s1?_state=1048576");
    }
  }

  @Test
  void chunkThatBreaksOff_isResumedFromWhatTheSessionHolds_notFromTheFirstByte() throws Exception {
    // The second chunk breaks off after 100000 of its bytes arrived; the registry answers 503.
    ChunkingRegistry registry = new ChunkingRegistry(Optional.of(MIB), 416, null,
        (n, r) -> n == 2 ? Optional.of(new long[] {100_000, 503}) : Optional.empty());
    BlobSource blob = blob(4, 3 * MIB);
    try (CannedServer server = new CannedServer(registry);
        RegistryClient client = open(new BlobUploads(BlobUploads.Mode.CHUNKED, BlobUploads.DEFAULT_CHUNK_SIZE))) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.problems()).isEmpty();
      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      assertThat(contentRanges(server)).containsExactly(
          "0-1048575", "1048576-2097151", "1148576-2197151", "2197152-3145727");
      assertThat(server.received()).extracting(r -> r.method() + " " + r.uri().replaceAll("&digest=.*", ""))
          .containsSubsequence(
              "PATCH /v2/group/app/blobs/uploads/s1?_state=1048576",
              "GET /v2/group/app/blobs/uploads/s1?_state=1048576",
              "PATCH /v2/group/app/blobs/uploads/s1?_state=1148576",
              "PUT /v2/group/app/blobs/uploads/s1?_state=3145728");
      assertThat(sent(server, "POST")).hasSize(1);
      assertThat(sleeper.waits()).hasSize(1);
    }
  }

  @Test
  void chunkThatBreaksOff_whenTheSessionCannotSayWhatItHolds_restartsTheUploadInANewSession() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.of(MIB), 416, null,
        (n, r) -> n == 2 ? Optional.of(new long[] {100_000, 503}) : Optional.empty()).refusingStatusQueries();
    BlobSource blob = blob(5, 3 * MIB);
    try (CannedServer server = new CannedServer(registry);
        RegistryClient client = open(new BlobUploads(BlobUploads.Mode.CHUNKED, BlobUploads.DEFAULT_CHUNK_SIZE))) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      assertThat(contentRanges(server)).containsExactly(
          "0-1048575", "1048576-2097151", "0-1048575", "1048576-2097151", "2097152-3145727");
      assertThat(sent(server, "PATCH").get(2).uri()).isEqualTo("/v2/group/app/blobs/uploads/s2?_state=0");
      assertThat(sent(server, "PUT")).singleElement()
          .satisfies(put -> assertThat(put.uri()).startsWith("/v2/group/app/blobs/uploads/s2?_state=3145728&"));
    }
  }

  @Test
  void byDefault_aBlobGoesInThePutThatCompletesItsSession_withNoPatch() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.empty(), 0, null, (n, r) -> Optional.empty());
    BlobSource blob = blob(6, 2 * MIB + 17);
    try (CannedServer server = new CannedServer(registry); RegistryClient client = open(BlobUploads.DEFAULT)) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      assertThat(server.received()).extracting(r -> r.method() + " " + r.uri().replaceAll("\\?.*", ""))
          .containsExactly("GET /v2/", "HEAD /v2/group/app/blobs/" + blob.digest(),
              "POST /v2/group/app/blobs/uploads/", "PUT /v2/group/app/blobs/uploads/s1");
      assertThat(sent(server, "PUT").get(0).header("Content-Length")).isEqualTo(Long.toString(blob.size()));
    }
  }

  @Test
  void registryRefusingTheWholeBlobInAPut_getsItStreamed_thenInChunksWhenItRefusesThatToo() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.of(MIB), 416, null, (n, r) -> Optional.empty())
        .refusingWholePuts(413);
    BlobSource blob = blob(7, 2 * MIB + MIB / 2);
    try (CannedServer server = new CannedServer(registry); RegistryClient client = open(BlobUploads.DEFAULT)) {

      assertThat(client.pushBlob(repository(server), blob, Optional.empty())).isEqualTo(BlobPush.UPLOADED);

      assertThat(registry.problems()).isEmpty();
      assertThat(registry.stored()).containsExactly(blob.digest().toString());
      // Each refusal costs its session: the PUT's (s1), the streamed PATCH's (s2); the chunks go to s3.
      assertThat(server.received()).extracting(r -> r.method() + " " + r.uri().replaceAll("&digest=.*", ""))
          .containsSubsequence("PUT /v2/group/app/blobs/uploads/s1?_state=0",
              "PATCH /v2/group/app/blobs/uploads/s2?_state=0",
              "PATCH /v2/group/app/blobs/uploads/s3?_state=0",
              "PUT /v2/group/app/blobs/uploads/s3?_state=2621440");
      assertThat(contentRanges(server)).containsExactly("null", "0-1048575", "1048576-2097151", "2097152-2621439");
    }
  }

  @Test
  void aWholeBlobPutRefusedForItsDigest_isAnError_notSentAnotherWay() throws Exception {
    ChunkingRegistry registry = new ChunkingRegistry(Optional.empty(), 0, null, (n, r) -> Optional.empty());
    BlobSource content = blob(8, MIB);
    BlobSource lying = new BlobSource(blob(9, 10).digest(), content.size(), content.opener());
    try (CannedServer server = new CannedServer(registry); RegistryClient client = open(BlobUploads.DEFAULT)) {

      assertThatThrownBy(() -> client.pushBlob(repository(server), lying, Optional.empty()))
          .isInstanceOf(RegistryResponseException.class)
          .hasMessageContaining("DIGEST_INVALID")
          .hasMessageNotContaining("\n");

      assertThat(sent(server, "PATCH")).isEmpty();
      assertThat(sent(server, "PUT")).hasSize(1);
      assertThat(registry.stored()).isEmpty();
    }
  }
}
