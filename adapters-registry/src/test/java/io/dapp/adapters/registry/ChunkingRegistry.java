package io.dapp.adapters.registry;

import io.dapp.domain.model.Digests;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A canned registry (repository {@code group/app}, anonymous) that keeps upload sessions the way the
 * distribution spec describes chunked uploads: every PATCH must carry {@code Content-Range} starting where
 * the session stands, at the Location the previous answer gave ({@code _state} = bytes held); chunks but
 * the last must be at least {@code OCI-Chunk-Min-Length}; the PUT verifies the digest of what arrived.
 * What it refuses, it refuses as a strict registry would; faults are scripted by a test.
 */
final class ChunkingRegistry implements CannedServer.Script {

  /** Lets a test break a PATCH: keep only some of its bytes and answer with a status instead. */
  @FunctionalInterface
  interface Fault {
    /** @return the bytes to keep and the status to answer, or empty to take the chunk normally */
    Optional<long[]> on(int patchNumber, CannedServer.Received request);
  }

  private static final Pattern UPLOAD = Pattern.compile("/v2/group/app/blobs/uploads/(\\w+)\\?_state=(\\d+)(&digest=(.+))?");
  private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

  private final Optional<Long> minLength;
  private final int wholeBlobRefusal;
  private final Long keepOfWholeBlob;
  private final Fault fault;
  private final Map<String, ByteArrayOutputStream> sessions = new HashMap<>();
  private final Map<String, List<Long>> chunkLengths = new HashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger patches = new AtomicInteger();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<String> stored = new CopyOnWriteArrayList<>();

  /**
   * @param minLength the {@code OCI-Chunk-Min-Length} it announces and enforces, if any
   * @param wholeBlobRefusal the status for a PATCH without Content-Range (413, 416), or 0 to accept it
   * @param keepOfWholeBlob how many bytes of a whole-blob PATCH it keeps (and reports in Range), or null for all
   */
  ChunkingRegistry(Optional<Long> minLength, int wholeBlobRefusal, Long keepOfWholeBlob, Fault fault) {
    this.minLength = minLength;
    this.wholeBlobRefusal = wholeBlobRefusal;
    this.keepOfWholeBlob = keepOfWholeBlob;
    this.fault = fault;
  }

  private volatile boolean statusRefused;
  private volatile int wholePutRefusal;

  /** Refuses a PUT that carries a body (a monolithic upload) with {@code status}, as a registry with a size limit. */
  ChunkingRegistry refusingWholePuts(int status) {
    wholePutRefusal = status;
    return this;
  }

  /** Answers status queries as Distribution does when the Location's state no longer matches: 400. */
  ChunkingRegistry refusingStatusQueries() {
    statusRefused = true;
    return this;
  }

  /** What the registry found wrong with the client's requests; empty when the client behaved. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Digests of the blobs it stored. */
  List<String> stored() {
    return List.copyOf(stored);
  }

  @Override
  public synchronized CannedServer.Reply answer(CannedServer.Received request) {
    String uri = request.uri();
    if (uri.equals("/v2/")) {
      return CannedServer.Reply.of(200);
    }
    if (request.method().equals("HEAD")) {
      return stored.stream().anyMatch(uri::endsWith) ? CannedServer.Reply.of(200) : CannedServer.Reply.of(404);
    }
    if (request.method().equals("POST") && uri.equals("/v2/group/app/blobs/uploads/")) {
      String id = "s" + ids.incrementAndGet();
      sessions.put(id, new ByteArrayOutputStream());
      chunkLengths.put(id, new CopyOnWriteArrayList<>());
      Map<String, String> headers = new HashMap<>(Map.of("Location", location(id, 0), "Range", "0-0"));
      minLength.ifPresent(min -> headers.put("OCI-Chunk-Min-Length", Long.toString(min)));
      return new CannedServer.Reply(202, headers, new byte[0]);
    }
    Matcher upload = UPLOAD.matcher(uri);
    if (!upload.matches() || !sessions.containsKey(upload.group(1))) {
      return refuse(404, "BLOB_UPLOAD_UNKNOWN", "no such upload: " + request.method() + " " + uri);
    }
    String id = upload.group(1);
    ByteArrayOutputStream content = sessions.get(id);
    // A status query may use any Location of the session; bytes go only to the latest one.
    if (!request.method().equals("GET") && Long.parseLong(upload.group(2)) != content.size()) {
      return refuse(400, "BLOB_UPLOAD_INVALID", "stale Location: _state=" + upload.group(2) + ", session holds " + content.size());
    }
    switch (request.method()) {
      case "GET":
        if (statusRefused) {
          return CannedServer.Reply.of(400, Map.of("Content-Type", "application/json"),
              "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"upload resumed at wrong offset\"}]}");
        }
        return new CannedServer.Reply(204, Map.of("Location", location(id, content.size()),
            "Range", "0-" + Math.max(0, content.size() - 1)), new byte[0]);
      case "PATCH":
        return patch(id, content, request);
      case "PUT":
        return put(id, content, request, upload.group(4));
      default:
        return refuse(405, "UNSUPPORTED", request.method());
    }
  }

  private CannedServer.Reply patch(String id, ByteArrayOutputStream content, CannedServer.Received request) {
    int number = patches.incrementAndGet();
    String range = request.header("Content-Range");
    if (range == null) {
      if (wholeBlobRefusal != 0) {
        return CannedServer.Reply.of(wholeBlobRefusal, Map.of("Content-Type", "application/json"),
            "{\"errors\":[{\"code\":\"SIZE_INVALID\",\"message\":\"send chunks with Content-Range\"}]}");
      }
      int keep = keepOfWholeBlob == null ? request.body().length : (int) (long) keepOfWholeBlob;
      content.write(request.body(), 0, keep);
      return accepted(id, content);
    }
    Matcher matcher = RANGE.matcher(range);
    if (!matcher.matches()) {
      return refuse(416, "BLOB_UPLOAD_INVALID", "Content-Range '" + range + "' is not start-end");
    }
    long start = Long.parseLong(matcher.group(1));
    long end = Long.parseLong(matcher.group(2));
    if (start != content.size() || end - start + 1 != request.bodyLength()
        || !Long.toString(request.bodyLength()).equals(request.header("Content-Length"))) {
      return refuse(416, "BLOB_UPLOAD_INVALID", "chunk " + range + " of " + request.bodyLength() + " bytes (Content-Length "
          + request.header("Content-Length") + ") does not continue a session holding " + content.size());
    }
    Optional<long[]> broken = fault.on(number, request);
    if (broken.isPresent()) {
      content.write(request.body(), 0, (int) broken.get()[0]);
      return CannedServer.Reply.of((int) broken.get()[1]);
    }
    content.write(request.body(), 0, request.body().length);
    chunkLengths.get(id).add(request.bodyLength());
    return accepted(id, content);
  }

  private CannedServer.Reply put(String id, ByteArrayOutputStream content, CannedServer.Received request,
      String digestParameter) {
    if (digestParameter == null) {
      return refuse(400, "DIGEST_INVALID", "PUT without digest");
    }
    if (wholePutRefusal != 0 && request.bodyLength() > 0) {
      sessions.remove(id);
      return CannedServer.Reply.of(wholePutRefusal, Map.of("Content-Type", "application/json"),
          "{\"errors\":[{\"code\":\"SIZE_INVALID\",\"message\":\"too large for one request\"}]}");
    }
    content.write(request.body(), 0, request.body().length);
    List<Long> lengths = chunkLengths.get(id);
    for (int i = 0; i < lengths.size() - 1; i++) {
      if (minLength.isPresent() && lengths.get(i) < minLength.get()) {
        problems.add("chunk " + i + " has " + lengths.get(i) + " bytes, fewer than " + minLength.get());
      }
    }
    String digest = java.net.URLDecoder.decode(digestParameter, java.nio.charset.StandardCharsets.UTF_8);
    String actual = Digests.sha256(content.toByteArray()).toString();
    sessions.remove(id);
    if (!actual.equals(digest)) {
      return refuse(400, "DIGEST_INVALID", "content is " + actual + ", not " + digest);
    }
    stored.add(digest);
    return CannedServer.Reply.of(201, Map.of("Location", "/v2/group/app/blobs/" + digest), "");
  }

  private static CannedServer.Reply accepted(String id, ByteArrayOutputStream content) {
    return new CannedServer.Reply(202, Map.of("Location", location(id, content.size()),
        "Range", "0-" + Math.max(0, content.size() - 1)), new byte[0]);
  }

  private CannedServer.Reply refuse(int status, String code, String message) {
    problems.add(message);
    return CannedServer.Reply.of(status, Map.of("Content-Type", "application/json"),
        "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}]}");
  }

  /** Relative, as Distribution sends them; the state is the number of bytes held. */
  private static String location(String id, long held) {
    return URI.create("/v2/group/app/blobs/uploads/" + id + "?_state=" + held).toString();
  }
}
