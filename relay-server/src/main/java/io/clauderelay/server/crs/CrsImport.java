package io.clauderelay.server.crs;

import io.clauderelay.crypto.crs.CrsCipher;
import io.clauderelay.server.alert.WebhookConfig;
import io.clauderelay.server.alert.WebhookConfigStore;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.AdminStore.AdminCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Imports a CRS snapshot into the relay's stores: first plans everything (decrypting every secret,
 * so a wrong CRS key stops the run before anything is written), then, unless it is a dry run, writes
 * accounts, keys, usage and the admin, and the marks that let a rerun add only what is new.
 */
final class CrsImport {
  private final ImportTarget target;
  private final CrsCipher crs;
  private final Instant now;
  private final ImportReport report = new ImportReport();
  private final List<Account> accountWrites = new ArrayList<>();
  private final List<ApiKey> keyWrites = new ArrayList<>();
  private final Map<String, Map<String, String>> markWrites = new HashMap<>();
  private final Map<String, CrsUsagePlan> usagePlans = new HashMap<>();
  private AdminCredentials adminWrite;
  private WebhookConfig webhookWrite;

  CrsImport(ImportTarget target, CrsCipher crs, Instant now) {
    this.target = target;
    this.crs = crs;
    this.now = now;
  }

  ImportReport run(CrsSnapshot s, boolean dryRun) throws CrsImportException {
    planAccounts(s);
    planKeys(s);
    planAdmin(s);
    planWebhook(s);
    if (!dryRun) write();
    return report;
  }

  private void planAccounts(CrsSnapshot s) throws CrsImportException {
    Map<String, Set<String>> groupsOf = new HashMap<>();
    s.groups.values().forEach(g -> {
      g.members().forEach(m -> groupsOf.computeIfAbsent(m, x -> new HashSet<>()).add(g.id()));
      report.line("group " + g.id() + " ('" + g.name() + "', " + g.platform() + "): " + g.members().size()
          + " member(s); keys bind it as group:" + g.id());
    });
    int checked = 0;
    for (CrsSnapshot.RawAccount raw : s.accounts) {
      String label = raw.kind().label() + " account '" + CrsValues.text(raw.fields(), "name") + "' (" + raw.id() + ")";
      if (!raw.kind().served()) {
        report.count("accounts", "skipped (type not served)");
        report.line("skipped " + label + ": " + raw.kind().unsupportedReason);
        continue;
      }
      List<String> notes = new ArrayList<>();
      Account mapped;
      try {
        mapped = CrsAccountMapper.map(raw.kind(), raw.fields(), groupsOf.getOrDefault(raw.id(), Set.of()), crs,
            target.cipher(), now, notes);
        checked++;
      } catch (CrsCipher.WrongKeyException wrongKey) {
        throw new CrsImportException("the CRS key string does not decrypt CRS's account secrets (" + label + " "
            + wrongKey.getMessage() + "): set CRS_ENCRYPTION_KEY to the ENCRYPTION_KEY CRS ran with (unset, this"
            + " relay's ENCRYPTION_KEY is used); nothing was written");
      } catch (CrsValues.BadField | IllegalArgumentException bad) {
        report.count("accounts", "skipped (unreadable)");
        report.line("skipped " + label + ": " + bad.getMessage());
        continue;
      }
      notes.forEach(n -> report.line(label + ": " + n));
      String fp = CrsValues.fingerprint(raw.fields(), CrsAccountMapper.VOLATILE);
      String scope = "crs:account:" + raw.id();
      Optional<Account> existing = join(target.accounts().findById(raw.id()));
      Map<String, String> marks = join(target.progress().marks(scope));
      String outcome = outcome(existing.map(Account::updatedAt), marks, fp);
      report.count("accounts", outcome);
      if (outcome.equals("new") || outcome.equals("updated")) {
        accountWrites.add(mapped);
        markWrites.put(scope, Map.of("fp", fp, "at", mapped.updatedAt().toString()));
      }
      if (outcome.startsWith("kept"))
        report.line(label + ": changed in CRS and in the relay since the last import; kept the relay's");
    }
    if (checked == 0) report.line("no account secret to check the CRS key string against");
  }

  private void planKeys(CrsSnapshot s) {
    s.keys.forEach((id, fields) -> {
      String label = "key '" + CrsValues.text(fields, "name") + "' (" + id + ")";
      List<String> notes = new ArrayList<>();
      ApiKey mapped;
      List<CrsRecord> records = new ArrayList<>();
      Map<String, CrsCounters> day = new HashMap<>(), month = new HashMap<>(), all = new HashMap<>();
      CrsSnapshot.KeyUsage u = s.usage.get(id);
      try {
        mapped = CrsKeyMapper.map(fields, now, notes);
        u.daily.forEach((b, h) -> day.put(b, CrsCounters.ofBucket(h)));
        u.monthly.forEach((b, h) -> month.put(b, CrsCounters.ofBucket(h)));
        u.alltime.forEach((b, h) -> all.put(b, CrsCounters.ofBucket(h)));
      } catch (CrsValues.BadField | IllegalArgumentException bad) {
        report.count("keys", "skipped (unreadable)");
        report.line("skipped " + label + ": " + bad.getMessage());
        return;
      }
      for (String json : u.records) {
        try {
          records.add(CrsRecord.parse(json));
        } catch (CrsValues.BadField | IllegalArgumentException | ArithmeticException bad) {
          report.line(label + ": a usage record skipped: " + bad.getMessage());
        }
      }
      notes.forEach(n -> report.line(label + ": " + n));
      String scope = "crs:key:" + id;
      String fp = CrsValues.fingerprint(fields, CrsKeyMapper.VOLATILE);
      Optional<ApiKey> existing = join(target.keys().findById(id));
      Map<String, String> marks = join(target.progress().marks(scope));
      String outcome = outcome(existing.map(ApiKey::updatedAt), marks, fp);
      report.count("keys", outcome);
      if (outcome.equals("new") || outcome.equals("updated")) {
        ApiKey write = existing.map(old -> keepRelaySide(old, mapped)).orElse(mapped);
        keyWrites.add(write);
        markWrites.put(scope, Map.of("fp", fp, "at", write.updatedAt().toString()));
      }
      if (outcome.equals("kept (changed here)")) {
        report.line(label + ": changed in CRS and in the relay since the last import; kept the relay's");
      }
      if (outcome.equals("kept (not from CRS)")) {
        report.line(label + ": the relay has a key with this id that no import wrote; left alone, usage not imported");
        return;
      }
      try {
        planUsage(id, label, mapped, day, month, all, records, marks, u);
      } catch (RuntimeException bad) {
        report.line(label + ": usage not imported: " + bad.getMessage());
      }
    });
  }

  private void planUsage(String id, String label, ApiKey mapped, Map<String, CrsCounters> day,
      Map<String, CrsCounters> month,
      Map<String, CrsCounters> all, List<CrsRecord> records, Map<String, String> marks, CrsSnapshot.KeyUsage u) {
    String scope = "crs:key:" + id;
    CrsUsagePlan plan = CrsUsagePlan.plan(mapped, day, month, all, records, marks, target.buckets());
    plan.notes.forEach(n -> report.line(label + ": " + n));
    long crsTotal = CrsValues.micros(u.totalCost.orElse(""), "usage:cost:total");
    long inBuckets = all.values().stream().mapToLong(CrsCounters::ratedMicros).sum();
    if (crsTotal != inBuckets)
      report.line(label + ": CRS's total cost $" + ImportReport.dollars(crsTotal)
          + " differs from its per-model buckets' $" + ImportReport.dollars(inBuckets) + " (imported the buckets)");
    CrsCounters added = plan.total();
    report.usage(plan.settlements(), added.requests(), added.ratedMicros());
    usagePlans.put(id, plan);
    if (!plan.marks.isEmpty()) markWrites.put("usage:" + scope, plan.marks);
  }

  /** An update from CRS keeps what only the relay knows: a hash moved on first use and an activation. */
  private static ApiKey keepRelaySide(ApiKey old, ApiKey fromCrs) {
    ApiKey.Builder b = fromCrs.toBuilder();
    if (!old.hash().startsWith(io.clauderelay.crypto.crs.CrsKeyHasher.LEGACY_PREFIX)) b.hash(old.hash());
    if (fromCrs.expiry().awaitingActivation() && !old.expiry().awaitingActivation()) b.expiry(old.expiry());
    return b.build();
  }

  /** CRS's alert channels, stored encrypted; a configuration changed in the relay since the last import is kept. */
  private void planWebhook(CrsSnapshot s) {
    if (s.webhook.isEmpty()) return;
    WebhookConfig config;
    try {
      config = WebhookConfig.fromCrs(s.webhook.get(), now);
    } catch (IllegalArgumentException bad) {
      report.count("webhook", "skipped (unreadable)");
      report.line("webhook configuration skipped: " + bad.getMessage());
      return;
    }
    Map<String, String> marks = join(target.progress().marks("crs:webhook"));
    String fp = CrsValues.fingerprint(Map.of("w", s.webhook.get()), Set.of());
    boolean relayHasOwn = join(target.settings().get(WebhookConfigStore.NAME)).isPresent();
    if (fp.equals(marks.get("fp"))) {
      report.count("webhook", "unchanged");
    } else if (relayHasOwn && !storedFingerprint().equals(marks.get("stored"))) {
      report.count("webhook", "kept (changed here since the last import)");
    } else {
      webhookWrite = config;
      report.count("webhook", marks.containsKey("fp") ? "updated" : "new");
      report.line(
          "webhook: " + config.platforms().size() + " platforms, notifications " + (config.enabled() ? "on" : "off")
              + " (secrets stored encrypted)");
      markWrites.put("crs:webhook", Map.of("fp", fp));
    }
  }

  private String storedFingerprint() {
    return join(target.settings().get(WebhookConfigStore.NAME))
        .map(v -> CrsValues.fingerprint(Map.of("s", v), Set.of())).orElse("");
  }

  private void planAdmin(CrsSnapshot s) {
    if (s.admin.isEmpty()) {
      report.line("no admin credentials in CRS: the relay's admin stays");
      return;
    }
    String user = CrsValues.text(s.admin.get(), "username");
    String hash = CrsValues.text(s.admin.get(), "passwordHash");
    if (user.isEmpty() || !hash.startsWith("$2")) {
      report.count("admin", "skipped (unreadable)");
      return;
    }
    Map<String, String> marks = join(target.progress().marks("crs:admin"));
    Optional<AdminCredentials> ours = join(target.admin().credentials());
    String fp = CrsValues.fingerprint(Map.of("u", user, "h", hash), Set.of());
    if (fp.equals(marks.get("fp"))) {
      report.count("admin", "unchanged");
    } else if (marks.containsKey("fp") && ours.isPresent() && !ours.get().passwordHash().equals(marks.get("hash"))) {
      report.count("admin", "kept (changed here since the last import)");
    } else {
      adminWrite = new AdminCredentials(user, hash, now);
      report.count("admin", marks.containsKey("fp") ? "updated" : "new");
      report.line("admin '" + user + "' logs in with CRS's password (checked as bcrypt, rehashed at the first login)"
          + ours.filter(o -> !o.username().equals(user)).map(o -> "; replaces the relay's admin '" + o.username() + "'")
              .orElse(""));
      markWrites.put("crs:admin", Map.of("fp", fp, "hash", hash));
    }
  }

  /**
   * new: not here yet; unchanged: CRS has not changed it since the last import; updated: CRS changed
   * it and the relay did not; kept: both changed it (the relay's wins).
   */
  private static String outcome(Optional<Instant> ourUpdatedAt, Map<String, String> marks, String fp) {
    if (ourUpdatedAt.isEmpty()) return "new";
    if (!marks.containsKey("fp")) return "kept (not from CRS)";
    if (fp.equals(marks.get("fp"))) return "unchanged";
    return ourUpdatedAt.get().toString().equals(marks.get("at")) ? "updated" : "kept (changed here)";
  }

  /** Each item's marks right after the item: a run stopped half way redoes only the unmarked rest. */
  private void write() {
    for (Account a : accountWrites) {
      join(target.accounts().save(a));
      mark("crs:account:" + a.id());
    }
    for (ApiKey k : keyWrites) {
      join(target.keys().save(k));
      mark("crs:key:" + k.id());
    }
    // Settlement ids are derived from the marks, so a key whose usage marks were not written redoes the
    // same ids and the ledger's idempotency refuses the ones it already has.
    CrsSettler settler = new CrsSettler(target.ledger(), target.buckets());
    usagePlans.forEach((id, plan) -> {
      settler.settle(id, plan, plan.weeklyResetDay, plan.weeklyResetHour);
      mark("usage:crs:key:" + id);
    });
    if (adminWrite != null) join(target.admin().saveCredentials(adminWrite));
    mark("crs:admin");
    if (webhookWrite != null) {
      join(new WebhookConfigStore(target.settings(), target.cipher(), java.time.Clock.systemUTC()).save(webhookWrite));
      Map<String, String> m = new java.util.HashMap<>(markWrites.remove("crs:webhook"));
      m.put("stored", storedFingerprint());
      join(target.progress().mark("crs:webhook", m));
    }
  }

  /** Writes the marks planned under {@code name}; usage marks share their key's scope. */
  private void mark(String name) {
    Map<String, String> m = markWrites.remove(name);
    if (m != null) join(target.progress().mark(name.startsWith("usage:") ? name.substring(6) : name, m));
  }

  static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
