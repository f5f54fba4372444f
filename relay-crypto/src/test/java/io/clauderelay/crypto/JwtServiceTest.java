package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JwtServiceTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  private static final Instant T0 = Instant.parse("2026-01-10T12:00:00.750Z");

  private final MutableClock clock = new MutableClock(T0);
  private final JwtService jwt = new JwtService(SECRET, clock);

  @Test
  void verifiesATokenItIssued() {
    IssuedToken issued = jwt.issue("admin", Duration.ofHours(24));
    assertThat(jwt.verify(issued.token()))
        .contains(new VerifiedToken("admin", issued.id(), issued.expiresAt()));
  }

  @Test
  void issuedTokenCarriesAUuidIdAndAnExpiryInWholeSeconds() {
    IssuedToken issued = jwt.issue("admin", Duration.ofMinutes(30));
    assertThat(UUID.fromString(issued.id()).toString()).isEqualTo(issued.id());
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-01-10T12:30:00Z"));
    assertThat(jwt.issue("admin", Duration.ofMinutes(30)).id()).isNotEqualTo(issued.id());
  }

  @Test
  void tokenHasTheExpectedHeaderAndClaims() {
    IssuedToken issued = jwt.issue("admin", Duration.ofMinutes(30));
    var decoded = JWT.decode(issued.token());
    assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
    assertThat(decoded.getIssuer()).isEqualTo("claude-relay");
    assertThat(decoded.getSubject()).isEqualTo("admin");
    assertThat(decoded.getId()).isEqualTo(issued.id());
  }

  @Test
  void anotherNodeWithTheSameSecretAcceptsTheToken() {
    IssuedToken issued = jwt.issue("admin", Duration.ofHours(1));
    assertThat(new JwtService(SECRET, clock).verify(issued.token())).isPresent();
  }

  @Test
  void rejectsAnExpiredToken() {
    IssuedToken issued = jwt.issue("admin", Duration.ofMinutes(10));
    clock.set(issued.expiresAt().minusSeconds(1));
    assertThat(jwt.verify(issued.token())).isPresent();
    clock.set(issued.expiresAt().plusSeconds(1));
    assertThat(jwt.verify(issued.token())).isEmpty();
  }

  @Test
  void acceptsATokenFromAPeerWhoseClockRunsSlightlyAhead() {
    IssuedToken issued = new JwtService(SECRET, new MutableClock(T0.plusSeconds(30))).issue("admin",
        Duration.ofHours(1));
    assertThat(jwt.verify(issued.token())).isPresent();
  }

  @Test
  void rejectsATokenSignedWithAnotherSecret() {
    IssuedToken foreign = new JwtService("another-secret-another-secret-another", clock).issue("admin",
        Duration.ofHours(1));
    assertThat(jwt.verify(foreign.token())).isEmpty();
  }

  @Test
  void rejectsATokenWithAnAlteredPayload() {
    IssuedToken issued = jwt.issue("admin", Duration.ofHours(1));
    String[] parts = issued.token().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("\"admin\"", "\"root\"");
    String forged = parts[0] + "." + b64(payload) + "." + parts[2];
    assertThat(jwt.verify(forged)).isEmpty();
  }

  @Test
  void rejectsAWrongIssuer() {
    String token = JWT.create().withIssuer("someone-else").withSubject("admin")
        .withJWTId(UUID.randomUUID().toString()).withExpiresAt(T0.plusSeconds(3600))
        .sign(Algorithm.HMAC256(SECRET));
    assertThat(jwt.verify(token)).isEmpty();
  }

  @Test
  void rejectsATokenWithoutAnId() {
    String token = JWT.create().withIssuer("claude-relay").withSubject("admin")
        .withExpiresAt(T0.plusSeconds(3600)).sign(Algorithm.HMAC256(SECRET));
    assertThat(jwt.verify(token)).isEmpty();
  }

  @Test
  void rejectsATokenWithAnEmptySubjectOrId() {
    Algorithm hs256 = Algorithm.HMAC256(SECRET);
    String noSubject = JWT.create().withIssuer("claude-relay").withSubject("")
        .withJWTId(UUID.randomUUID().toString()).withExpiresAt(T0.plusSeconds(3600)).sign(hs256);
    String noId = JWT.create().withIssuer("claude-relay").withSubject("admin")
        .withJWTId("").withExpiresAt(T0.plusSeconds(3600)).sign(hs256);
    assertThat(jwt.verify(noSubject)).isEmpty();
    assertThat(jwt.verify(noId)).isEmpty();
  }

  @Test
  void rejectsATokenWithoutAnExpiry() {
    String token = JWT.create().withIssuer("claude-relay").withSubject("admin")
        .withJWTId(UUID.randomUUID().toString()).sign(Algorithm.HMAC256(SECRET));
    assertThat(jwt.verify(token)).isEmpty();
  }

  @Test
  void rejectsAnUnsignedAlgNoneToken() {
    IssuedToken issued = jwt.issue("admin", Duration.ofHours(1));
    String payload = issued.token().split("\\.")[1];
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    assertThat(jwt.verify(header + "." + payload + ".")).isEmpty();
    assertThat(jwt.verify(JWT.create().withIssuer("claude-relay").withSubject("admin")
        .withJWTId("x").withExpiresAt(T0.plusSeconds(60)).sign(Algorithm.none()))).isEmpty();
  }

  @Test
  void rejectsGarbage() {
    assertThat(jwt.verify(null)).isEmpty();
    assertThat(jwt.verify("")).isEmpty();
    assertThat(jwt.verify("not-a-jwt")).isEmpty();
    assertThat(jwt.verify("a.b.c")).isEmpty();
  }

  @Test
  void refusesAShortSecretNamingTheVariableButNotTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new JwtService("too-short-secret", clock))
        .withMessage("JWT_SECRET must be at least 32 characters; got 16. Generate one with: openssl rand -base64 48");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new JwtService(null, clock))
        .withMessageStartingWith("JWT_SECRET must be at least 32 characters; got 0.");
  }

  @Test
  void refusesABlankUsernameOrANonPositiveLifetime() {
    assertThatIllegalArgumentException().isThrownBy(() -> jwt.issue(" ", Duration.ofHours(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> jwt.issue("admin", Duration.ZERO));
  }

  @Test
  void toStringsRevealNeitherSecretNorToken() {
    IssuedToken issued = jwt.issue("admin", Duration.ofHours(1));
    assertThat(jwt.toString()).doesNotContain(SECRET);
    assertThat(issued.toString()).doesNotContain(issued.token()).contains(issued.id());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A clock the test moves by hand, so expiry is checked without sleeping. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
