package io.clauderelay.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The compact settle-once marker: a request id becomes a 14-character fingerprint (91 bits of its
 * SHA-256 in printable ASCII) in its key's hour bucket, valued with a 6-character nonce of the call
 * that wrote it. Both fit Redis's smallest string allocations (16 and 8 bytes), so a marker costs
 * ~66 bytes where a key per request cost ~250; a collision within one key's hour is ~2^-91 per pair.
 */
final class SettleMarks {
  private static final int FIRST = '!';
  private static final int RADIX = '~' - '!' + 1; // 94 printable characters
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private SettleMarks() {}

  static String fingerprint(String requestId) {
    byte[] d = SHA256.get().digest(requestId.getBytes(StandardCharsets.UTF_8));
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = hi << 8 | (d[i] & 0xff);
      lo = lo << 8 | (d[i + 8] & 0xff);
    }
    return digits(hi >>> 1, 7) + digits(lo >>> 1, 7); // 7 base-94 digits of 63 bits: 45.9 bits each
  }

  static String nonce() {
    return digits(ThreadLocalRandom.current().nextLong() >>> 1, 6);
  }

  /** The UTC epoch hour a record is settled under: a replay of the same record finds the same bucket. */
  static long hour(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), 3_600_000L);
  }

  private static String digits(long v, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (FIRST + (int) Long.remainderUnsigned(v, RADIX));
      v = Long.divideUnsigned(v, RADIX);
    }
    return new String(c);
  }
}
