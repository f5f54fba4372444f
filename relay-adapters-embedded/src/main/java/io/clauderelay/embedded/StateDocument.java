package io.clauderelay.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountErrorEvent;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.SettingsStore;
import io.clauderelay.domain.port.StateTransfer;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.redis.StoredJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A relay's whole state as one JSON document, from and into any store (embedded or Redis): keys
 * (hashes only), accounts (credentials as stored: encrypted with ENCRYPTION_KEY), the admin's
 * password hash, error history, operator settings (stored encrypted, e.g. the alert channels), usage
 * and account runtime entries. Nothing in it is in clear; the
 * target relay needs the same ENCRYPTION_KEY to use it. Logouts (revoked tokens) are not carried.
 * For the command line: it waits on each store call.
 */
public final class StateDocument {
  public static final String FORMAT = "claude-relay-state";
  public static final int VERSION = 1;

  /** The ports a document is read from and written to. */
  public record Ports(ApiKeyStore keys, AccountStore accounts, AdminStore admin, AccountErrorLog errors,
      StateTransfer state,
      SettingsStore settings, List<String> settingNames) {}

  /** What an import wrote. */
  public record Counts(int keys, int accounts, int usageEntries, int accountStateEntries) {}

  private StateDocument() {}

  public static ObjectNode export(Ports p, Instant now) {
    ObjectNode doc = Json.object().put("format", FORMAT).put("version", VERSION).put("exportedAt", now.toString());
    ArrayNode keys = doc.putArray("apiKeys");
    join(p.keys().list()).forEach(k -> keys.add(Json.tree(StoredJson.apiKey(k))));
    ArrayNode accounts = doc.putArray("accounts");
    ObjectNode errors = Json.object();
    for (Account a : join(p.accounts().list())) {
      accounts.add(Json.tree(StoredJson.account(a)));
      List<AccountErrorEvent> events = join(p.errors().recent(a.id(), AccountErrorLog.KEPT));
      if (!events.isEmpty()) errors.set(a.id(), Json.tree(PersistentAccountErrorLog.json(events)));
    }
    ObjectNode admin = doc.putObject("admin");
    join(p.admin().credentials()).ifPresent(c -> admin.set("credentials", Json.tree(PersistentAdminStore.json(c))));
    doc.set("accountErrors", errors);
    ObjectNode settings = doc.putObject("settings");
    for (String name : p.settingNames()) join(p.settings().get(name)).ifPresent(v -> settings.put(name, v));
    doc.set("usage", usage(join(p.state().usageEntries(now))));
    ObjectNode state = doc.putObject("accountState");
    AccountStateCodec codec = new AccountStateCodec();
    join(p.state().accountStateEntries(now)).forEach((name, v) -> state.set(name, codec.write(name, v)));
    return doc;
  }

  /** Writes the document into the ports (same ids replace what is there); throws IllegalArgumentException for another format. */
  public static Counts load(JsonNode doc, Ports p, Instant now) {
    if (!FORMAT.equals(doc.path("format").asText()) || doc.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException(
          "not a " + FORMAT + " version " + VERSION + " document (./relay export writes one)");
    }
    doc.path("accounts").forEach(a -> join(p.accounts().save(StoredJson.account(a.toString()))));
    doc.path("apiKeys").forEach(k -> join(p.keys().save(StoredJson.apiKey(k.toString()))));
    JsonNode c = doc.path("admin").path("credentials");
    if (c.isObject()) join(p.admin().saveCredentials(PersistentAdminStore.credentials(c)));
    doc.path("accountErrors").fields().forEachRemaining(e -> {
      join(p.errors().clear(e.getKey()));
      List<AccountErrorEvent> events = PersistentAccountErrorLog.events(e.getValue());
      for (int i = events.size() - 1; i >= 0; i--) join(p.errors().append(e.getKey(), events.get(i)));
    });
    doc.path("settings").fields().forEachRemaining(e -> join(p.settings().put(e.getKey(), e.getValue().asText())));
    Map<String, Object> usage = usage(doc.path("usage"));
    join(p.state().loadUsageEntries(usage, now));
    Map<String, Object> state = new HashMap<>();
    AccountStateCodec codec = new AccountStateCodec();
    doc.path("accountState").fields()
        .forEachRemaining(e -> state.put(e.getKey(), codec.read(e.getKey(), e.getValue())));
    join(p.state().loadAccountStateEntries(state, now));
    return new Counts(doc.path("apiKeys").size(), doc.path("accounts").size(), usage.size(), state.size());
  }

  @SuppressWarnings("unchecked")
  private static ObjectNode usage(Map<String, Object> entries) {
    ObjectNode out = Json.object();
    LedgerCodec codec = new LedgerCodec();
    entries.forEach((name, v) -> {
      if (LedgerEntries.kind(name).equals(LedgerEntries.RECORDS)) {
        ArrayNode a = Json.array();
        ((List<UsageRecord>) v).forEach(r -> a.add(Json.tree(StoredJson.usageRecord(r))));
        out.set(name, a);
      } else {
        out.set(name, codec.write(name, v));
      }
    });
    return out;
  }

  private static Map<String, Object> usage(JsonNode n) {
    Map<String, Object> out = new HashMap<>();
    LedgerCodec codec = new LedgerCodec();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (LedgerEntries.kind(e.getKey()).equals(LedgerEntries.RECORDS)) {
        List<UsageRecord> records = new ArrayList<>();
        e.getValue().forEach(r -> records.add(StoredJson.usageRecord(r.toString())));
        out.put(e.getKey(), List.copyOf(records));
      } else {
        out.put(e.getKey(), codec.read(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  private static <T> T join(CompletionStage<T> s) {
    return s.toCompletableFuture().join();
  }
}
