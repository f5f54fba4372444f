package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.server.http.Async;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** {@code /admin/claude-console-accounts} and its OpenAI, Gemini and Bedrock siblings: add an upstream of one account type and list them with their state. */
public final class AccountAdminRoutes {
  private final AccountStore accountStore;
  private final AccountStateStore accountState;
  private final SecretCipher cipher;
  private final Clock clock;
  private final AccountType type;

  public AccountAdminRoutes(AccountStore accountStore, AccountStateStore accountState, SecretCipher cipher, Clock clock,
      AccountType type) {
    this.accountStore = accountStore;
    this.accountState = accountState;
    this.cipher = cipher;
    this.clock = clock;
    this.type = type;
  }

  public void create(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String id = UUID.randomUUID().toString();
    Account account = type == AccountType.BEDROCK
        ? BedrockAccountJson.create(f, id, cipher, clock.instant())
        : AccountJson.create(f, type, id, cipher, clock.instant());
    Async.from(accountStore.save(account))
        .onSuccess(v -> {
          var view = AccountJson.view(account, null, clock.instant(), cipher);
          AdminAudit.change(rc, "account.create", account.id(), null, view);
          AdminResponses.ok(rc, view);
        })
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void list(RoutingContext rc) {
    Instant now = clock.instant();
    Async.from(accountStore.list()).compose(accounts -> {
      var ofType = accounts.stream().filter(a -> a.type() == type).toList();
      return Async.from(accountState.runtime(ofType.stream().map(Account::id).toList(), now)).map(rt -> {
        ArrayNode data = JsonFields.JSON.createArrayNode();
        ofType.forEach(a -> data.add(AccountJson.view(a, rt.get(a.id()), now, cipher)));
        return data;
      });
    }).onSuccess(data -> AdminResponses.ok(rc, data)).onFailure(err -> AdminResponses.fail(rc, err));
  }
}
