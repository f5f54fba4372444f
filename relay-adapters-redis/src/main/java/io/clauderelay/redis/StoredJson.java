package io.clauderelay.redis;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.usage.UsageRecord;

/**
 * The lossless JSON of the stored domain records, for other stores and for export: the same
 * codecs the Redis stores use, so a field added to a record is carried everywhere at once.
 */
public final class StoredJson {
  private StoredJson() {}

  public static String apiKey(ApiKey key) {
    return ApiKeyJson.write(key);
  }

  public static ApiKey apiKey(String json) {
    return ApiKeyJson.read(json);
  }

  public static String account(Account account) {
    return AccountJson.write(account);
  }

  public static Account account(String json) {
    return AccountJson.read(json);
  }

  public static String usageRecord(UsageRecord record) {
    return UsageRecordJson.write(record);
  }

  public static UsageRecord usageRecord(String json) {
    return UsageRecordJson.read(json);
  }
}
