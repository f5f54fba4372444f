package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.http.FailureException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /admin/account-groups}: a group is a name carried in its member accounts' {@code groups}
 * set, which the scheduler reads for {@code group:<id>} bindings; a group exists while it has members.
 */
public final class AccountGroupRoutes {
  private static final String ID_PATTERN = "[A-Za-z0-9_.-]{1,64}";

  private final AccountStore accountStore;
  private final Clock clock;

  public AccountGroupRoutes(AccountStore accountStore, Clock clock) {
    this.accountStore = accountStore;
    this.clock = clock;
  }

  public void list(RoutingContext rc) {
    Async.from(accountStore.list()).onSuccess(accounts -> {
      TreeMap<String, List<Account>> groups = new TreeMap<>();
      accounts
          .forEach(a -> a.groups().forEach(g -> groups.computeIfAbsent(g, x -> new java.util.ArrayList<>()).add(a)));
      ArrayNode data = JsonFields.JSON.createArrayNode();
      groups.forEach((g, members) -> data.add(view(g, members)));
      AdminResponses.ok(rc, data);
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void get(RoutingContext rc) {
    String id = rc.pathParam("groupId");
    members(id).onSuccess(m -> {
      if (m.isEmpty()) AdminResponses.fail(rc, notFound(id));
      else AdminResponses.ok(rc, view(id, m));
    }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code {name, memberIds}}: the name is the group id used in bindings ({@code group:<name>}). */
  public void create(RoutingContext rc) {
    JsonFields f = JsonFields.parse(rc.body().buffer());
    String name = f.string("name", 64);
    if (name == null || !name.matches(ID_PATTERN)) throw JsonFields.bad("name", "must be 1-64 letters, digits or _.-");
    List<String> memberIds = f.strings("memberIds");
    if (memberIds == null || memberIds.isEmpty())
      throw JsonFields.bad("memberIds", "must list at least one account id");
    members(name).compose(existing -> existing.isEmpty()
        ? setMembers(name, new LinkedHashSet<>(memberIds))
        : Future.failedFuture(JsonFields.bad("name", "is already a group")))
        .onSuccess(members -> {
          AdminAudit.event(rc, "account-group.create", Map.of("target", name, "memberIds", ids(members)));
          AdminResponses.ok(rc, view(name, members));
        }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  /** {@code {memberIds}}: replaces the membership. */
  public void update(RoutingContext rc) {
    String id = rc.pathParam("groupId");
    JsonFields f = JsonFields.parse(rc.body().buffer());
    List<String> memberIds = f.strings("memberIds");
    if (memberIds == null || memberIds.isEmpty())
      throw JsonFields.bad("memberIds", "must list at least one account id");
    members(id).compose(before -> before.isEmpty()
        ? Future.failedFuture(notFound(id))
        : setMembers(id, new LinkedHashSet<>(memberIds)).map(after -> {
          AdminAudit.event(rc, "account-group.update", Map.of("target", id,
              "changes", Map.of("memberIds", Map.of("from", ids(before), "to", ids(after)))));
          return after;
        }))
        .onSuccess(members -> AdminResponses.ok(rc, view(id, members))).onFailure(err -> AdminResponses.fail(rc, err));
  }

  public void delete(RoutingContext rc) {
    String id = rc.pathParam("groupId");
    members(id).compose(before -> before.isEmpty()
        ? Future.failedFuture(notFound(id))
        : setMembers(id, Set.of()).map(before))
        .onSuccess(before -> {
          AdminAudit.event(rc, "account-group.delete", Map.of("target", id, "memberIds", ids(before)));
          AdminResponses.ok(rc, JsonFields.JSON.createObjectNode().put("id", id).put("deleted", true));
        }).onFailure(err -> AdminResponses.fail(rc, err));
  }

  private Future<List<Account>> members(String group) {
    return Async.from(accountStore.list()).map(all -> all.stream().filter(a -> a.groups().contains(group)).toList());
  }

  /** Adds the group to exactly {@code memberIds} and removes it from every other account. */
  private Future<List<Account>> setMembers(String group, Set<String> memberIds) {
    Instant now = clock.instant();
    return Async.from(accountStore.list()).compose(all -> {
      Set<String> known = new HashSet<>();
      all.forEach(a -> known.add(a.id()));
      for (String m : memberIds) {
        if (!known.contains(m))
          return Future.failedFuture(JsonFields.bad("memberIds", "contains unknown account " + m));
      }
      Future<Void> chain = Future.succeededFuture();
      List<Account> members = new java.util.ArrayList<>();
      for (Account a : all) {
        boolean wanted = memberIds.contains(a.id());
        if (wanted == a.groups().contains(group)) {
          if (wanted) members.add(a);
          continue;
        }
        Set<String> groups = new HashSet<>(a.groups());
        if (wanted) groups.add(group);
        else groups.remove(group);
        Account changed = AccountUpdate.withGroups(a, groups, now);
        if (wanted) members.add(changed);
        chain = chain.compose(v -> Async.from(accountStore.save(changed)));
      }
      return chain.map(members);
    });
  }

  private static ObjectNode view(String id, List<Account> members) {
    ObjectNode n = JsonFields.JSON.createObjectNode().put("id", id).put("name", id).put("binding", "group:" + id)
        .put("memberCount", members.size());
    ArrayNode m = n.putArray("members");
    members.forEach(a -> m.addObject().put("id", a.id()).put("name", a.name()).put("platform", a.type().id()));
    return n;
  }

  private static List<String> ids(List<Account> accounts) {
    return accounts.stream().map(Account::id).toList();
  }

  private static FailureException notFound(String id) {
    return new FailureException(Failure.of(FailureKind.CALLER_NOT_FOUND, "Account group " + id + " not found"));
  }
}
