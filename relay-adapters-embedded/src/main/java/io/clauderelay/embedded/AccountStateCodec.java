package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.memory.AccountStateEntries;
import io.clauderelay.domain.memory.AccountStateEntries.Kept;
import io.clauderelay.domain.memory.LedgerEntries;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** JSON of the account runtime entries: last use, cool-downs, window status and plan per account; cost per account and day. */
final class AccountStateCodec implements EntryCodec {
  @Override
  public JsonNode write(String name, Object v) {
    if (LedgerEntries.kind(name).equals(AccountStateEntries.COST)) return LongNode.valueOf((Long) v);
    Kept k = (Kept) v;
    ObjectNode n = Json.object().put("lastUsedAt", EntryCodec.instant(k.lastUsedAt()))
        .put("coolingUntil", EntryCodec.instant(k.coolingUntil())).put("coolingReason", k.coolingReason())
        .put("windowStatus", k.windowStatus()).put("plan", k.plan() == null ? null : k.plan().name());
    ObjectNode families = n.putObject("familyCoolingUntil");
    k.familyCoolingUntil().forEach((f, until) -> families.put(f, until.toString()));
    return n;
  }

  @Override
  public Object read(String name, JsonNode n) {
    if (LedgerEntries.kind(name).equals(AccountStateEntries.COST)) return n.asLong();
    Map<String, Instant> families = new HashMap<>();
    n.path("familyCoolingUntil").fields()
        .forEachRemaining(e -> families.put(e.getKey(), Instant.parse(e.getValue().asText())));
    return new Kept(EntryCodec.instant(n.get("lastUsedAt")), EntryCodec.instant(n.get("coolingUntil")),
        n.hasNonNull("coolingReason") ? n.get("coolingReason").asText() : null, families,
        n.hasNonNull("windowStatus") ? n.get("windowStatus").asText() : null,
        n.hasNonNull("plan") ? ClaudePlan.valueOf(n.get("plan").asText()) : ClaudePlan.UNKNOWN);
  }
}
