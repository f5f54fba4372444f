package io.clauderelay.crypto;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies admin session tokens: HS256 JWTs signed with {@code JWT_SECRET}, issuer
 * {@code claude-relay}, subject = admin user name, {@code jti} = random id for revocation.
 * Thread-safe; any node holding the same secret accepts the tokens of every other node.
 */
public final class JwtService {
  public static final String VARIABLE = "JWT_SECRET";
  public static final String ISSUER = "claude-relay";
  public static final int MIN_SECRET_LENGTH = 32;
  /** Nodes' clocks differ slightly; a token issued "in the future" by a peer is still fine. */
  private static final long ISSUED_AT_SKEW_SECONDS = 60;

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Clock clock;

  public JwtService(String secret, Clock clock) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          VARIABLE + " must be at least " + MIN_SECRET_LENGTH + " characters; got "
              + (secret == null ? 0 : secret.length())
              + ". Generate one with: openssl rand -base64 48");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.algorithm = Algorithm.HMAC256(secret);
    Verification verification = JWT.require(algorithm)
        .withIssuer(ISSUER)
        .withClaimPresence("sub")
        .withClaimPresence("jti")
        .withClaimPresence("exp")
        .acceptIssuedAt(ISSUED_AT_SKEW_SECONDS);
    // build(Clock) lives on BaseVerification only; the public builder returns that type.
    this.verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
  }

  public IssuedToken issue(String username, Duration ttl) {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("token lifetime must be at least one second");
    }
    // JWT times are whole seconds; truncating here makes expiresAt equal what the token says.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    String id = UUID.randomUUID().toString();
    String token = JWT.create()
        .withIssuer(ISSUER)
        .withSubject(username)
        .withJWTId(id)
        .withIssuedAt(now)
        .withExpiresAt(expiresAt)
        .sign(algorithm);
    return new IssuedToken(token, id, expiresAt);
  }

  /** The token's claims, or empty if it is malformed, forged, expired, foreign or unsigned. */
  public Optional<VerifiedToken> verify(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    try {
      DecodedJWT jwt = verifier.verify(token);
      // Presence checks pass for non-string or empty claims; those are not our tokens either.
      if (isBlank(jwt.getSubject()) || isBlank(jwt.getId())) return Optional.empty();
      return Optional.of(new VerifiedToken(jwt.getSubject(), jwt.getId(), jwt.getExpiresAtAsInstant()));
    } catch (JWTVerificationException e) {
      return Optional.empty();
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "JwtService[HS256, issuer=" + ISSUER + "]";
  }
}
