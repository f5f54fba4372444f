package io.clauderelay.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Creates relay API keys (prefix + 64 lowercase hex characters from 32 random bytes) and checks
 * that a presented key has an acceptable shape before any lookup is spent on it.
 */
public final class ApiKeyGenerator {
  public static final String DEFAULT_PREFIX = "cr_";
  /** Length bounds the original relay accepts for a presented key. */
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 512;
  private static final int RANDOM_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  private final String prefix;

  public ApiKeyGenerator() {
    this(DEFAULT_PREFIX);
  }

  public ApiKeyGenerator(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || prefix.length() + 2 * RANDOM_BYTES > MAX_LENGTH || !prefix.strip().equals(prefix)) {
      throw new IllegalArgumentException(
          "API_KEY_PREFIX must be 1.." + (MAX_LENGTH - 2 * RANDOM_BYTES)
              + " characters without surrounding whitespace; got " + prefix.length() + " characters");
    }
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** A fresh key; SecureRandom is thread-safe, so one generator may be shared. */
  public String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  /** True if the candidate starts with the prefix and is 10..512 characters long. */
  public boolean hasValidShape(String candidate) {
    return candidate != null
        && candidate.length() >= MIN_LENGTH
        && candidate.length() <= MAX_LENGTH
        && candidate.startsWith(prefix);
  }
}
