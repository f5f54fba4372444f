package io.clauderelay.domain.usage;

/**
 * Token counts of one request as the upstream reported them. {@code input} excludes cache tokens
 * (Anthropic's convention; OpenAI's cached prompt tokens are subtracted before they get here).
 */
public record TokenUsage(long input, long output, long cacheWrite5m, long cacheWrite1h, long cacheRead) {

  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0);

  public TokenUsage {
    if (input < 0 || output < 0 || cacheWrite5m < 0 || cacheWrite1h < 0 || cacheRead < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  public long cacheWrite() {
    return cacheWrite5m + cacheWrite1h;
  }

  /** Every token of the request: input + output + cache writes + cache reads. */
  public long total() {
    return input + output + cacheWrite5m + cacheWrite1h + cacheRead;
  }

  /** Prompt-side tokens, which decide the long-context price tier. */
  public long promptTokens() {
    return input + cacheWrite5m + cacheWrite1h + cacheRead;
  }

  public TokenUsage plus(TokenUsage o) {
    return new TokenUsage(input + o.input, output + o.output, cacheWrite5m + o.cacheWrite5m,
        cacheWrite1h + o.cacheWrite1h, cacheRead + o.cacheRead);
  }

  public boolean isZero() {
    return total() == 0;
  }
}
