package io.clauderelay.redis;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.port.AccountStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Upstream accounts on Redis: the catalogue shares the {@code {accounts}} slot, so a save keeps the
 * record and its creation-order entry in step atomically, and the list is one script, one round trip.
 */
public final class RedisAccountStore implements AccountStore {
  private static final LuaScript SAVE = LuaScript.load("account_save");
  private static final LuaScript DELETE = LuaScript.load("account_delete");
  // keys_list.lua is generic (order ZSET + records HASH -> JSON in order), so both catalogues share it.
  private static final LuaScript LIST = LuaScript.load("keys_list");

  private final RedisCommands redis;

  public RedisAccountStore(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Void> save(Account account) {
    return redis.eval(SAVE, List.of(RedisKeys.ACCOUNT_RECORDS, RedisKeys.ACCOUNT_ORDER, RedisKeys.ACCOUNT_SEQ),
        List.of(account.id(), AccountJson.write(account)))
        .thenApply(r -> null);
  }

  @Override
  public CompletionStage<Optional<Account>> findById(String id) {
    return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.ACCOUNT_RECORDS).arg(id))
        .thenApply(r -> r == null ? Optional.empty() : Optional.of(AccountJson.read(r.toString())));
  }

  @Override
  public CompletionStage<List<Account>> list() {
    return redis.eval(LIST, List.of(RedisKeys.ACCOUNT_ORDER, RedisKeys.ACCOUNT_RECORDS), List.of()).thenApply(r -> {
      List<Account> accounts = new ArrayList<>();
      if (r != null) for (Response json : r) accounts.add(AccountJson.read(json.toString()));
      return accounts;
    });
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return redis.eval(DELETE, List.of(RedisKeys.ACCOUNT_RECORDS, RedisKeys.ACCOUNT_ORDER), List.of(id))
        .thenApply(r -> Replies.asLong(r) == 1);
  }
}
