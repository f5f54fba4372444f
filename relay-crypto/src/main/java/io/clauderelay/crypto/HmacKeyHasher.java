package io.clauderelay.crypto;

import io.clauderelay.domain.port.KeyHasher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes relay API keys as lowercase hex HMAC-SHA-256 under a sub-key of {@code ENCRYPTION_KEY},
 * so a leaked key table cannot be brute-forced without the server's secret.
 */
public final class HmacKeyHasher implements KeyHasher {
  private static final String ALGORITHM = "HmacSHA256";

  // Mac is not thread-safe; one per thread keeps the event-loop hot path free of locks.
  private final ThreadLocal<Mac> mac;

  public HmacKeyHasher(EncryptionKey key) {
    SecretKeySpec spec = new SecretKeySpec(key.keyHashKey(), ALGORITHM);
    newMac(spec); // fail at start-up, not on the first request
    this.mac = ThreadLocal.withInitial(() -> newMac(spec));
  }

  @Override
  public String hash(String plaintextKey) {
    Objects.requireNonNull(plaintextKey, "plaintextKey");
    // doFinal also resets the Mac for the next call on this thread.
    return HexFormat.of().formatHex(mac.get().doFinal(plaintextKey.getBytes(StandardCharsets.UTF_8)));
  }

  private static Mac newMac(SecretKeySpec spec) {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(spec);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKeyHasher[HMAC-SHA-256]";
  }
}
