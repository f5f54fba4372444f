package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.server.RelayServices;
import io.clauderelay.server.http.Async;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;

/** {@code /admin/claude-console-accounts} and its OpenAI, Gemini and Bedrock siblings: add an upstream of one account type and list them with their state. */
public final class AccountAdminRoutes {
  private final RelayServices s;
  private final AccountType type;

  public AccountAdminRoutes(RelayServices s, AccountType type) {
    this.s = s;
    this.type = type;
  }

  public void create(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String id = UUID.randomUUID().toString();
    Account account = type == AccountType.BEDROCK
        ? BedrockAccountJson.create(f, id, s.cipher(), s.clock().instant())
        : AccountJson.create(f, type, id, s.cipher(), s.clock().instant());
    Async.from(s.accounts().save(account))
        .onSuccess(v -> {
          var view = AccountJson.view(account, null, s.clock().instant(), s.cipher());
          AdminAudit.change(rc, "account.create", account.id(), null, view);
          AdminResponses.ok(rc, view);
        })
        .onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void list(RoutingContext rc) {
    Instant now = s.clock().instant();
    Async.from(s.accounts().list()).compose(accounts -> {
      var ofType = accounts.stream().filter(a -> a.type() == type).toList();
      return Async.from(s.accountState().runtime(ofType.stream().map(Account::id).toList(), now)).map(rt -> {
        ArrayNode data = JsonFields.JSON.createArrayNode();
        ofType.forEach(a -> data.add(AccountJson.view(a, rt.get(a.id()), now, s.cipher())));
        return data;
      });
    }).onSuccess(data -> AdminResponses.ok(rc, data)).onFailure(err -> AdminResponses.fail(rc, err));
  }
}
