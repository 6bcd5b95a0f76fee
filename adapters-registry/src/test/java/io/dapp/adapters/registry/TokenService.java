package io.dapp.adapters.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A GitLab-style token service for Distribution's token auth: RS256 JWTs whose {@code kid} is the libtrust
 * key id of the signing key, which the registry finds in its rootcertbundle. Users are GitLab's: the job
 * token may pull and push, the cleanup user may also delete, a wrong password is a 401. Identity (refresh)
 * tokens are accepted through the OAuth2 POST.
 */
public final class TokenService {

  public static final String SERVICE = "dapp-test-registry";
  public static final String ISSUER = "dapp-test-token-service";
  public static final String JOB_USER = "gitlab-ci-token";
  public static final String JOB_PASSWORD = "job-token-value";
  public static final String CLEANUP_USER = "dapp-cleanup-repo";
  public static final String CLEANUP_PASSWORD = "cleanup-password-value";
  public static final String REFRESH_TOKEN = "refresh-token-of-cleanup-user";

  private static final Map<String, String> PASSWORDS = Map.of(JOB_USER, JOB_PASSWORD, CLEANUP_USER, CLEANUP_PASSWORD);
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      JOB_USER, Set.of("pull", "push"),
      CLEANUP_USER, Set.of("pull", "push", "delete"));

  private final ObjectMapper json = new ObjectMapper();
  private final KeyPair keys;
  private final List<String> requestedScopes = new CopyOnWriteArrayList<>();
  private final List<IssuedToken> issued = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private int port;
  private TestPki.Issued tls;
  private String name = "127.0.0.1";

  /** A new token service (its keys made, not serving yet) for a static field: without a checked exception. */
  public static TokenService create() {
    try {
      return new TokenService();
    } catch (Exception e) {
      throw new IllegalStateException("no token service: " + e.getMessage(), e);
    }
  }

  public TokenService() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    this.keys = generator.generateKeyPair();
  }

  /**
   * Serves HTTPS with this certificate, at a realm named {@code hostName} (mapped to 127.0.0.1 by the test): a
   * token service behind TLS, as GitLab's is.
   */
  public TokenService withTls(TestPki.Issued certificate, String hostName) {
    tls = certificate;
    name = hostName;
    return this;
  }

  /** Starts serving; after a {@link #stop()}, on the same port, since the registry's config names it. */
  public void start() throws IOException {
    if (tls != null) {
      com.sun.net.httpserver.HttpsServer https =
          com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls.serverContext()));
      server = https;
    } else {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    }
    server.createContext("/jwt/auth", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /** Stops serving: token requests are refused, as when the token service is down. */
  public void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  String realm() {
    return (tls != null ? "https://" : "http://") + name + ":" + port + "/jwt/auth";
  }

  /** Every token this service issued: none of them may ever be printed. */
  public List<String> issuedTokens() {
    return issued.stream().map(IssuedToken::token).toList();
  }

  /** Every scope parameter received, in order; a token request without scope adds nothing. */
  public List<String> requestedScopes() {
    return List.copyOf(requestedScopes);
  }

  /** A token this service issued: to whom ("" for anonymous), for which scopes, as asked, and the token. */
  public record IssuedToken(String user, List<String> scopes, String token) {
    public IssuedToken {
      scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
      return "IssuedToken[user=" + user + ", scopes=" + scopes + "]";
    }
  }

  /** Every token issued so far, in order. */
  public List<IssuedToken> issued() {
    return List.copyOf(issued);
  }

  String certificatePem() throws Exception {
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + ISSUER);
    X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), name, keys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** libtrust's key id: base32 of the first 240 bits of sha256(DER SubjectPublicKeyInfo), in 4-char groups. */
  String keyId() throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
    String base32 = base32(java.util.Arrays.copyOf(hash, 30));
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      id.append(i > 0 ? ":" : "").append(base32, i, i + 4);
    }
    return id.toString();
  }

  private static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return out.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
      addParameters(parameters, exchange.getRequestURI().getRawQuery());
      if (exchange.getRequestMethod().equals("POST")) {
        addParameters(parameters, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      String user = authenticate(exchange, parameters);
      if (user == null) {
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"HTTP Basic: Access denied\"}]}");
        return;
      }
      List<String> scopes = new ArrayList<>();
      parameters.getOrDefault("scope", List.of()).forEach(s -> scopes.addAll(List.of(s.split(" "))));
      requestedScopes.addAll(scopes);
      String token = jwt(user, scopes);
      issued.add(new IssuedToken(user, scopes, token));
      boolean oauth = exchange.getRequestMethod().equals("POST");
      send(exchange, 200, "{\"" + (oauth ? "access_token" : "token") + "\":\"" + token + "\",\"expires_in\":300}");
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** The user, "" for anonymous, or null when the credentials are wrong. */
  private static String authenticate(HttpExchange exchange, Map<String, List<String>> parameters) {
    if (parameters.containsKey("refresh_token")) {
      return parameters.get("refresh_token").get(0).equals(REFRESH_TOKEN) ? CLEANUP_USER : null;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return "";
    }
    String pair = new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
    String user = pair.substring(0, pair.indexOf(':'));
    String password = pair.substring(pair.indexOf(':') + 1);
    return password.equals(PASSWORDS.get(user)) ? user : null;
  }

  private String jwt(String user, List<String> scopes) throws Exception {
    ObjectNode header = json.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", keyId());
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = json.createObjectNode()
        .put("iss", ISSUER).put("sub", user).put("aud", SERVICE)
        .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length != 3 || !parts[0].equals("repository")) {
        continue;
      }
      Set<String> granted = new LinkedHashSet<>();
      Set<String> allowed = ALLOWED.getOrDefault(user, Set.of());
      for (String action : parts[2].split(",")) {
        if (action.equals("*")) {
          granted.addAll(allowed);
        } else if (allowed.contains(action)) {
          granted.add(action);
        }
      }
      ObjectNode entry = access.addObject().put("type", "repository").put("name", parts[1]);
      granted.forEach(entry.putArray("actions")::add);
    }
    String signingInput = base64Url(json.writeValueAsBytes(header)) + "." + base64Url(json.writeValueAsBytes(claims));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(keys.getPrivate());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + base64Url(signature.sign());
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void addParameters(Map<String, List<String>> parameters, String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
