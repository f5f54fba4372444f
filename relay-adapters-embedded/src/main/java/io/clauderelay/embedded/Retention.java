package io.clauderelay.embedded;

import io.clauderelay.domain.memory.AccountStateEntries;
import io.clauderelay.domain.memory.LedgerEntries;
import java.time.Duration;

/**
 * How long an entry is kept after its last change: the TTLs the Redis stores give the same data
 * (RedisLedger's DAY_TTL, HOUR_TTL, ...), so the file stops growing as Redis does. Null: for good
 * (all-time totals, a key's last use and its newest 200 records, which are bounded per key).
 */
final class Retention {
  static final Duration HOUR = Duration.ofDays(8), DAY = Duration.ofDays(400), WEEK = Duration.ofDays(100),
      MONTH = Duration.ofDays(800), DAILY_COST = Duration.ofDays(8), WEEKLY_COST = Duration.ofDays(15),
      MINUTE = Duration.ofMinutes(180), ACCOUNT_DAY_COST = Duration.ofDays(8);

  private Retention() {}

  static Duration ledger(String name) {
    String key = LedgerEntries.key(name);
    return switch (LedgerEntries.kind(name)) {
      case LedgerEntries.TOTAL -> key.contains(":hour:")
          ? HOUR
          : key.contains(":day:")
              ? DAY
              : key.contains(":week:") ? WEEK : key.contains(":month:") ? MONTH : null;
      case LedgerEntries.MODEL -> key.substring(0, key.indexOf('\u0000')).contains(":") ? DAY : null;
      case LedgerEntries.DAY -> DAY;
      case LedgerEntries.MINUTE -> MINUTE;
      case LedgerEntries.COST -> key.startsWith("daily:") ? DAILY_COST : key.startsWith("weekly:") ? WEEKLY_COST : null;
      default -> null; // sticky sessions and windows end by their own time, which the ledger purges
    };
  }

  static Duration accountState(String name) {
    return LedgerEntries.kind(name).equals(AccountStateEntries.COST) ? ACCOUNT_DAY_COST : null;
  }
}
