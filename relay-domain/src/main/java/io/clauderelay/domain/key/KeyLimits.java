package io.clauderelay.domain.key;

/**
 * The numeric limits of a key; 0 means "no limit" everywhere. Money is integer micro-dollars of
 * rated cost (real cost times the key's multiplier).
 */
public record KeyLimits(
    int concurrency,
    int windowMinutes,
    long windowRequests,
    long windowTokens,
    long windowCostMicros,
    long dailyCostMicros,
    long totalCostMicros,
    long weeklyCostMicros,
    int weeklyResetDay,
    int weeklyResetHour) {

  public static final KeyLimits NONE = new KeyLimits(0, 0, 0, 0, 0, 0, 0, 0, 1, 0);

  public KeyLimits {
    if (concurrency < 0 || windowMinutes < 0 || windowRequests < 0 || windowTokens < 0 || windowCostMicros < 0
        || dailyCostMicros < 0 || totalCostMicros < 0 || weeklyCostMicros < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
    if (weeklyResetDay < 1 || weeklyResetDay > 7) throw new IllegalArgumentException("weeklyResetDay must be 1..7");
    if (weeklyResetHour < 0 || weeklyResetHour > 23)
      throw new IllegalArgumentException("weeklyResetHour must be 0..23");
  }

  /** Whether any windowed limit applies (a window length and at least one budget in it). */
  public boolean hasWindow() {
    return windowMinutes > 0 && (windowRequests > 0 || windowTokens > 0 || windowCostMicros > 0);
  }
}
