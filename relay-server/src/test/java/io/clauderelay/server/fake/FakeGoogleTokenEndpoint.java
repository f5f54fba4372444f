package io.clauderelay.server.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Google OAuth token endpoint for service accounts ({@code POST /token}, form-encoded, as
 * Google's auth library sends it). It issues an access token only for a valid JWT-bearer assertion:
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}, an RS256 JWT whose signature
 * verifies with the public key of a key file this endpoint made ({@link #newKeyFile}), whose
 * {@code iss} is that key's e-mail, {@code aud} Google's token URL, {@code scope} cloud-platform, and
 * whose {@code iat}/{@code exp} span at most an hour around now. Anything else: 400
 * {@code invalid_grant}, as Google answers. {@link #owner} tells the Vertex fake whose token it is.
 */
public final class FakeGoogleTokenEndpoint implements AutoCloseable {
  public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
  static final String GOOGLE_AUDIENCE = "https://oauth2.googleapis.com/token";
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, PublicKey> keysByEmail = new ConcurrentHashMap<>();
  private record Issued(String email, Instant expiresAt) {}
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile long expiresInSeconds = 3600;

  public FakeGoogleTokenEndpoint() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").await();
  }

  public String tokenUri() {
    return "http://127.0.0.1:" + server.actualPort() + "/token";
  }

  /** The lifetime of the tokens issued from now on. */
  public FakeGoogleTokenEndpoint expiresIn(long seconds) {
    this.expiresInSeconds = seconds;
    return this;
  }

  /** Token requests so far, granted or not. */
  public int calls() {
    return calls.get();
  }

  /** Why requests were refused, in order (empty when every assertion was valid). */
  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** The service account a live token was issued to. */
  public Optional<String> owner(String accessToken) {
    Issued i = accessToken == null ? null : issued.get(accessToken);
    return i == null || i.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(i.email());
  }

  /** Forgets a service account's key (as deleting the key in Google's console would): its assertions are refused. */
  public void deleteKey(String email) {
    keysByEmail.remove(email);
  }

  /** Revokes every token issued so far (as a key rotation would). */
  public void revokeAll() {
    issued.clear();
  }

  /** A new service account's JSON key file (a fresh RSA key pair) whose tokens come from here. */
  public String newKeyFile(String email, String projectId) {
    return newKeyFile(email, projectId, tokenUri());
  }

  /** The same with another {@code token_uri} (this endpoint under a name only a test proxy resolves). */
  public String newKeyFile(String email, String projectId, String tokenUri) {
    KeyPair pair;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      pair = g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    keysByEmail.put(email, pair.getPublic());
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    return new JsonObject().put("type", "service_account").put("project_id", projectId)
        .put("private_key_id", Integer.toHexString(email.hashCode())).put("private_key", pem)
        .put("client_email", email).put("client_id", "1234567890").put("auth_uri",
            "https://accounts.google.com/o/oauth2/auth")
        .put("token_uri", tokenUri).encode();
  }

  private void handle(HttpServerRequest req) {
    req.setExpectMultipart(true);
    req.endHandler(v -> {
      calls.incrementAndGet();
      String problem = check(req.getFormAttribute("grant_type"), req.getFormAttribute("assertion"));
      if (problem != null) {
        refusals.add(problem);
        req.response().setStatusCode(400).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", "invalid_grant").put("error_description", problem).encode());
        return;
      }
      String email = new JsonObject(decode(req.getFormAttribute("assertion").split("\\.")[1])).getString("iss");
      String token = "ya29.fake-" + java.util.UUID.randomUUID();
      issued.put(token, new Issued(email, Instant.now().plusSeconds(expiresInSeconds)));
      req.response().putHeader("content-type", "application/json").end(new JsonObject().put("access_token", token)
          .put("expires_in", expiresInSeconds).put("token_type", "Bearer").encode());
    });
  }

  /** What is wrong with the request, or null when it earns a token. */
  private String check(String grantType, String assertion) {
    if (!JWT_BEARER.equals(grantType)) return "grant_type is not jwt-bearer: " + grantType;
    if (assertion == null) return "no assertion";
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) return "the assertion is not a JWS";
    JsonObject header;
    JsonObject claims;
    try {
      header = new JsonObject(decode(parts[0]));
      claims = new JsonObject(decode(parts[1]));
    } catch (RuntimeException e) {
      return "unreadable JWT";
    }
    if (!"RS256".equals(header.getString("alg"))) return "alg is not RS256";
    PublicKey key = keysByEmail.get(claims.getString("iss", ""));
    if (key == null) return "unknown service account " + claims.getString("iss");
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) return "bad signature";
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return "bad signature: " + e;
    }
    // Google's audience for the assertion, whichever endpoint it is sent to (as the real endpoint checks).
    if (!GOOGLE_AUDIENCE.equals(claims.getString("aud")))
      return "aud is not Google's token URL: " + claims.getString("aud");
    if (!String.valueOf(claims.getString("scope")).contains(CLOUD_PLATFORM)) return "scope lacks cloud-platform";
    long now = Instant.now().getEpochSecond();
    long iat = claims.getLong("iat", 0L);
    long exp = claims.getLong("exp", 0L);
    if (iat > now + 60 || exp < now || exp - iat > 3600) return "iat/exp out of range";
    return null;
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
