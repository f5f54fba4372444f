package io.clauderelay.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sticky session id of a conversation (SPEC §6), first match wins: the session part of
 * {@code metadata.user_id} (old format {@code user_<64hex>_account_<any>_session_<uuid>}, or the new
 * JSON string's {@code "session_id"}) → the session id header → the body's session id field →
 * SHA-256 (first 32 hex) of the stable prefix, system text + "\n" + first user message text. Never
 * the last message, which changes every turn.
 */
public final class SessionIdentity {
  private static final Pattern OLD_USER_ID = Pattern.compile(
      "^user_[0-9a-fA-F]{64}_account_.*_session_([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");
  private static final Pattern JSON_SESSION_ID = Pattern.compile("\"session_id\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private SessionIdentity() {}

  public static Optional<String> of(SessionFacts f) {
    Optional<String> fromUserId = fromMetadataUserId(f.metadataUserId());
    if (fromUserId.isPresent()) return fromUserId;
    if (present(f.sessionIdHeader())) return Optional.of(f.sessionIdHeader().trim());
    if (present(f.bodySessionId())) return Optional.of(f.bodySessionId().trim());
    String system = f.systemText() == null ? "" : f.systemText();
    String firstUser = f.firstUserText() == null ? "" : f.firstUserText();
    if (system.isBlank() && firstUser.isBlank()) return Optional.empty();
    return Optional.of(sha256Hex(system + "\n" + firstUser).substring(0, 32));
  }

  /** The session part of Claude Code's {@code metadata.user_id}, in either of its formats. */
  static Optional<String> fromMetadataUserId(String userId) {
    if (!present(userId)) return Optional.empty();
    String v = userId.trim();
    Matcher old = OLD_USER_ID.matcher(v);
    if (old.matches()) return Optional.of(old.group(1));
    Matcher json = JSON_SESSION_ID.matcher(v);
    if (json.find() && !json.group(1).isBlank()) return Optional.of(json.group(1));
    return Optional.empty();
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
