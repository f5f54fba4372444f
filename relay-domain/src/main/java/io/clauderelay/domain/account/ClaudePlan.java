package io.clauderelay.domain.account;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscription plan of a Claude OAuth account and which models it may serve: Free never Opus,
 * Pro only Opus 4.5 and later, Max everything. An unknown plan is not gated (the upstream decides).
 */
public enum ClaudePlan {
  FREE("free"), PRO("pro"), MAX("max"), UNKNOWN("unknown");

  /** {@code opus-4-5}, {@code opus-4.1}, {@code opus-4-20250514}: the version right after "opus". */
  private static final Pattern OPUS_AFTER = Pattern.compile("opus[-_.]?(\\d{1,2})(?!\\d)(?:[-_.](\\d{1,2})(?!\\d))?");
  /** {@code claude-3-opus}, {@code claude-3-5-opus}: the version right before "opus". */
  private static final Pattern OPUS_BEFORE = Pattern.compile("(\\d{1,2})(?:[-_.](\\d{1,2}))?[-_.]opus");

  private final String id;

  ClaudePlan(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Reads the plan names of Claude Code's credentials file and of the original's subscription info. */
  public static ClaudePlan parse(String v) {
    if (v == null) return UNKNOWN;
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "free", "claude_free" -> FREE;
      case "pro", "claude_pro" -> PRO;
      case "max", "claude_max", "max_5x", "max_20x" -> MAX;
      default -> UNKNOWN;
    };
  }

  /** Whether an account on this plan may serve {@code model}. */
  public boolean serves(String model) {
    if (this == UNKNOWN || this == MAX || model == null) return true;
    String m = model.toLowerCase(Locale.ROOT);
    if (!m.contains("opus")) return true;
    if (this == FREE) return false;
    int[] v = opusVersion(m);
    // A bare alias ("opus") names the newest Opus, which Pro may use.
    return v == null || v[0] > 4 || (v[0] == 4 && v[1] >= 5);
  }

  /** {major, minor} of the Opus version named in a lower-case model name, or null when none is named. */
  static int[] opusVersion(String m) {
    Matcher after = OPUS_AFTER.matcher(m);
    if (after.find())
      return new int[]{Integer.parseInt(after.group(1)), after.group(2) == null ? 0 : Integer.parseInt(after.group(2))};
    Matcher before = OPUS_BEFORE.matcher(m);
    if (before.find())
      return new int[]{Integer.parseInt(before.group(1)),
          before.group(2) == null ? 0 : Integer.parseInt(before.group(2))};
    return null;
  }
}
