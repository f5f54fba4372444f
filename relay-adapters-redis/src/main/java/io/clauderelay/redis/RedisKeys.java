package io.clauderelay.redis;

/**
 * Every Redis key name the stores use (README.md lists types, TTLs and scripts). Each relay key's
 * admission and usage data share the hash tag {@code {key:<id>}}, so every script touches one slot.
 */
public final class RedisKeys {
  public static final String PREFIX = "cr:";

  private RedisKeys() {}

  private static String key(String keyId, String rest) {
    return PREFIX + "{key:" + keyId + "}:" + rest;
  }

  // ------------------------------------------------------------ admission
  public static String lease(String keyId) {
    return key(keyId, "lease");
  }
  public static String reserve(String keyId) {
    return key(keyId, "reserve");
  }
  public static String window(String keyId) {
    return key(keyId, "window");
  }
  public static String costDaily(String keyId, String day) {
    return key(keyId, "cost:daily:" + day);
  }
  public static String costTotal(String keyId) {
    return key(keyId, "cost:total");
  }
  public static String costWeekly(String keyId, String week) {
    return key(keyId, "cost:weekly:" + week);
  }

  // ------------------------------------------------------------ usage
  /** The previous schema's per-request marker (a STRING that expires within a day): no longer written. */
  public static String settled(String keyId, String requestId) {
    return key(keyId, "settled:" + requestId);
  }
  /** The settle-once markers of one UTC epoch hour of record times (fingerprint → nonce). */
  public static String settledMarks(String keyId, long epochHour) {
    return key(keyId, "done:" + epochHour);
  }
  public static String usageTotal(String keyId) {
    return key(keyId, "usage:total");
  }
  public static String usageDay(String keyId, String day) {
    return key(keyId, "usage:day:" + day);
  }
  public static String usageMonth(String keyId, String month) {
    return key(keyId, "usage:month:" + month);
  }
  public static String usageHour(String keyId, String hour) {
    return key(keyId, "usage:hour:" + hour);
  }
  public static String usageWeek(String keyId, String week) {
    return key(keyId, "usage:week:" + week);
  }
  public static String modelsTotal(String keyId) {
    return key(keyId, "models:total");
  }
  public static String modelsDay(String keyId, String day) {
    return key(keyId, "models:day:" + day);
  }
  public static String records(String keyId) {
    return key(keyId, "records");
  }
  public static String meta(String keyId) {
    return key(keyId, "meta");
  }
  /** A conversation's account, per key: admission reads and renews it in the key's own slot. */
  public static String sticky(String keyId, String sessionId) {
    return key(keyId, "sticky:" + sessionId);
  }

  /** Global, per-account and per-model totals of one day: their own slot, written by the nodes' flushes. */
  public static String dayTotals(String day) {
    return PREFIX + "{usage}:day:" + day;
  }
  /** Global totals of one UTC epoch minute (realtime RPM/TPM), in {@code {usage}} beside the day totals. */
  public static String minuteTotals(long epochMinute) {
    return PREFIX + "{usage}:minute:" + epochMinute;
  }
  /** The previous schema's day-totals marker (a STRING, 1 day): no longer written. */
  public static String dayTotalsCounted(String requestId) {
    return PREFIX + "{usage}:counted:" + requestId;
  }

  // ------------------------------------------------------------ api keys (one slot for the whole catalogue)
  public static final String KEY_RECORDS = PREFIX + "{apikeys}:records";
  public static final String KEY_HASHES = PREFIX + "{apikeys}:hashes";
  public static final String KEY_BY_HASH = PREFIX + "{apikeys}:by-hash";
  public static final String KEY_ORDER = PREFIX + "{apikeys}:order";
  public static final String KEY_SEQ = PREFIX + "{apikeys}:seq";

  // ------------------------------------------------------------ upstream accounts (one slot for the catalogue)
  /** The last price file fetched from PRICING_URL by any node (a hash: source, fetchedAt, sha256, json). */
  public static final String PRICE_FILE = PREFIX + "{pricing}:file";

  public static final String ACCOUNT_RECORDS = PREFIX + "{accounts}:records";
  public static final String ACCOUNT_ORDER = PREFIX + "{accounts}:order";
  public static final String ACCOUNT_SEQ = PREFIX + "{accounts}:seq";

  // ------------------------------------------------------------ account runtime (one slot per account)
  private static String account(String accountId, String rest) {
    return PREFIX + "{acct:" + accountId + "}:" + rest;
  }

  public static String accountLease(String accountId) {
    return account(accountId, "lease");
  }
  public static String accountLastUsed(String accountId) {
    return account(accountId, "last-used");
  }
  public static String accountCoolDown(String accountId) {
    return account(accountId, "cooldown");
  }
  /** What the upstream told about a subscription account: {@code family:<f>} cool-downs, {@code 5h-status}, {@code plan}. */
  public static String accountUpstream(String accountId) {
    return account(accountId, "upstream");
  }
  /** The account's recent cool-downs, newest first (a capped LIST of JSON events). */
  public static String accountErrors(String accountId) {
    return account(accountId, "errors");
  }

  // ------------------------------------------------------------ OAuth onboarding sessions (one slot each)
  public static String oauthSession(String sessionId) {
    return PREFIX + "{oauth:" + sessionId + "}";
  }

  // ------------------------------------------------------------ cluster-wide job locks
  public static String jobLock(String name) {
    return PREFIX + "{lock:" + name + "}";
  }

  /** The pub/sub channel of cross-node cache invalidations (channels have no slot on Sentinel). */
  public static final String INVALIDATION_CHANNEL = PREFIX + "invalidate";

  // ------------------------------------------------------------ admin
  public static final String ADMIN_CREDENTIALS = PREFIX + "{admin}:credentials";

  /** An operator setting (e.g. "webhook": the alert channels, encrypted by the caller). */
  public static String setting(String name) {
    return PREFIX + "{settings}:" + name;
  }
  public static String revokedToken(String tokenId) {
    return PREFIX + "{admin}:revoked:" + tokenId;
  }

  /**
   * Failed admin logins of one subject ("ip:…", "user:…"), one slot each. Braces would end the hash
   * tag early, so they are escaped ('%' first, so that escapes stay unambiguous).
   */
  public static String loginFailures(String subject) {
    String safe = subject.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    return PREFIX + "{login:" + safe + "}";
  }

  // ------------------------------------------------------------ imports (import-crs)
  /** What an import brought into one scope so far (HASH, no TTL); one slot per scope. */
  public static String importMarks(String scope) {
    return PREFIX + "{import:" + scope.replace("%", "%25").replace("{", "%7B").replace("}", "%7D") + "}";
  }
}
