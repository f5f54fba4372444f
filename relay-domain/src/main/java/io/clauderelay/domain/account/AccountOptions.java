package io.clauderelay.domain.account;

/**
 * An account's optional protections (issue 20). {@code autoStopOnWarning} (CRS's name) takes a
 * Claude subscription out of the pool until its usage window resets: when the 5-hour window reports
 * {@code allowed_warning} or, with {@code autoStopUtilization} (percent), when any window (5-hour,
 * weekly, a family's week) has used that much.
 */
public record AccountOptions(boolean autoStopOnWarning, Integer autoStopUtilization) {
  public static final AccountOptions NONE = new AccountOptions(false, null);

  public AccountOptions {
    if (autoStopUtilization != null && (autoStopUtilization < 1 || autoStopUtilization > 100)) {
      throw new IllegalArgumentException("autoStopUtilization must be 1..100");
    }
  }
}
