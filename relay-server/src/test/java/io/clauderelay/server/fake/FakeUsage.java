package io.clauderelay.server.fake;

/**
 * Token counts the fake upstream reports, in Anthropic's terms: {@code input} excludes cache tokens,
 * cache writes are split by TTL (5 minutes / 1 hour) as in {@code usage.cache_creation}.
 */
public record FakeUsage(int input, int output, int cacheWrite5m, int cacheWrite1h, int cacheRead) {

  /** Distinct, non-zero numbers so a test can tell every field apart after the relay parsed them. */
  public static final FakeUsage DEFAULT = new FakeUsage(25, 17, 100, 40, 300);

  public FakeUsage {
    if (input < 0 || output < 0 || cacheWrite5m < 0 || cacheWrite1h < 0 || cacheRead < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** {@code cache_creation_input_tokens}: the sum of both TTL buckets, as the real API reports it. */
  public int cacheCreation() {
    return cacheWrite5m + cacheWrite1h;
  }
}
