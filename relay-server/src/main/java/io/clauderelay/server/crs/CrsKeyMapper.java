package io.clauderelay.server.crs;

import static io.clauderelay.server.crs.CrsValues.bool;
import static io.clauderelay.server.crs.CrsValues.instant;
import static io.clauderelay.server.crs.CrsValues.integer;
import static io.clauderelay.server.crs.CrsValues.micros;
import static io.clauderelay.server.crs.CrsValues.number;
import static io.clauderelay.server.crs.CrsValues.strings;
import static io.clauderelay.server.crs.CrsValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.crypto.crs.CrsKeyHasher;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.ClientKind;
import io.clauderelay.domain.key.ExpirationMode;
import io.clauderelay.domain.key.Expiry;
import io.clauderelay.domain.key.KeyLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One CRS {@code apikey:<id>} hash as a relay key under the same id. The stored hash is CRS's
 * (marked {@link CrsKeyHasher#LEGACY_PREFIX}) until the key's first use here; notes collect what
 * has no meaning here (droid bindings, unknown clients), for the report.
 */
final class CrsKeyMapper {
  /** Fields CRS rewrites while serving: a change in them alone is not a change to import. */
  static final Set<String> VOLATILE = Set.of("lastUsedAt", "updatedAt");

  private CrsKeyMapper() {}

  static ApiKey map(Map<String, String> h, Instant now, List<String> notes) {
    String id = text(h, "id");
    String crsHash = text(h, "apiKey");
    if (id.isEmpty()) throw new CrsValues.BadField("id", "is missing");
    if (!crsHash.matches("[0-9a-f]{64}")) throw new CrsValues.BadField("apiKey", "is not CRS's SHA-256 key hash");
    Instant created = Optional.ofNullable(instant(h, "createdAt")).orElse(now);
    ApiKey.Builder b = ApiKey.builder(id, CrsKeyHasher.legacyHash(crsHash))
        .name(text(h, "name"))
        .description(text(h, "description"))
        .active(bool(h, "isActive", true))
        .createdAt(created)
        .updatedAt(Optional.ofNullable(instant(h, "updatedAt")).orElse(created))
        .expiry(expiry(h))
        .limits(new KeyLimits(integer(h, "concurrencyLimit", 0), integer(h, "rateLimitWindow", 0),
            number(h, "rateLimitRequests"), number(h, "tokenLimit"), micros(h, "rateLimitCost"),
            micros(h, "dailyCostLimit"), micros(h, "totalCostLimit"), micros(h, "weeklyOpusCostLimit"),
            integer(h, "weeklyResetDay", 1), integer(h, "weeklyResetHour", 0)))
        .modelRestriction(bool(h, "enableModelRestriction", false), strings(h, "restrictedModels"))
        .clientRestriction(bool(h, "enableClientRestriction", false), clients(h, notes))
        .bindings(bindings(h, notes))
        .tags(strings(h, "tags"))
        .serviceRates(rates(h, notes));
    Set<Provider> permissions = permissions(h, notes);
    b.permissions(permissions == null ? Set.of() : permissions);
    if (permissions == null) b.active(false);
    if (bool(h, "isDeleted", false)) b.deletedAt(Optional.ofNullable(instant(h, "deletedAt")).orElse(now));
    return b.build();
  }

  private static Expiry expiry(Map<String, String> h) {
    Instant expiresAt = instant(h, "expiresAt");
    if (!"activation".equalsIgnoreCase(text(h, "expirationMode"))) return Expiry.fixed(expiresAt);
    int amount = integer(h, "activationDays", 0);
    if (amount < 1) throw new CrsValues.BadField("activationDays", "must be at least 1 in activation mode");
    boolean days = !"hours".equalsIgnoreCase(text(h, "activationUnit"));
    boolean activated = bool(h, "isActivated", false);
    Instant activatedAt = activated ? instant(h, "activatedAt") : null;
    return new Expiry(ExpirationMode.ACTIVATION, activatedAt == null ? null : expiresAt, amount, days, activatedAt);
  }

  private static Set<Provider> permissions(Map<String, String> h, List<String> notes) {
    List<String> listed = strings(h, "permissions");
    if (listed.isEmpty() || listed.contains("all")) return Set.of();
    Set<Provider> out = EnumSet.noneOf(Provider.class);
    for (String p : listed) {
      Optional<Provider> known = Provider.parse(p.equals("codex") ? "openai" : p);
      if (known.isPresent()) out.add(known.get());
      else notes.add("permission '" + p + "' is a service the relay does not serve");
    }
    if (out.isEmpty()) {
      // Only services we do not serve: an empty set here would mean "all", so the key is disabled instead.
      notes.add("permits no service the relay serves: imported disabled");
      return null;
    }
    return out;
  }

  private static Set<ClientKind> clients(Map<String, String> h, List<String> notes) {
    Set<ClientKind> out = EnumSet.noneOf(ClientKind.class);
    for (String c : strings(h, "allowedClients")) {
      Optional<ClientKind> k = ClientKind.parse(c);
      if (k.isPresent()) out.add(k.get());
      else notes.add("allowed client '" + c + "' is not one the relay recognises");
    }
    return out;
  }

  private static Map<Provider, String> bindings(Map<String, String> h, List<String> notes) {
    Map<Provider, String> out = new EnumMap<>(Provider.class);
    String oauth = text(h, "claudeAccountId");
    String console = text(h, "claudeConsoleAccountId");
    if (!oauth.isEmpty()) out.put(Provider.CLAUDE, oauth);
    else if (!console.isEmpty()) out.put(Provider.CLAUDE, console);
    if (!oauth.isEmpty() && !console.isEmpty())
      notes.add("bound to both a Claude OAuth and a Console account: kept the OAuth binding (CRS's order)");
    String bedrock = text(h, "bedrockAccountId");
    // A Bedrock account serves the Claude routes: it is the key's Claude binding unless a Claude account is.
    if (!bedrock.isEmpty() && out.containsKey(Provider.CLAUDE))
      notes.add("bound to a Claude account and a Bedrock account: kept the Claude binding (CRS's order)");
    else
      if (!bedrock.isEmpty()) out.put(Provider.CLAUDE, bedrock);
    String gemini = text(h, "geminiAccountId");
    if (!gemini.isEmpty()) out.put(Provider.GEMINI, gemini.startsWith("api:") ? gemini.substring(4) : gemini);
    String openai = text(h, "openaiAccountId");
    if (!openai.isEmpty()) out.put(Provider.OPENAI, openai.startsWith("responses:") ? openai.substring(10) : openai);
    for (String f : List.of("azureOpenaiAccountId", "droidAccountId")) {
      if (!text(h, f).isEmpty()) notes.add(f + " binding dropped: the relay does not serve that account type yet");
    }
    return out;
  }

  private static Map<Provider, BigDecimal> rates(Map<String, String> h, List<String> notes) {
    JsonNode n = CrsValues.json(h, "serviceRates");
    Map<Provider, BigDecimal> out = new EnumMap<>(Provider.class);
    if (!n.isObject()) return out;
    List<String> unknown = new ArrayList<>();
    n.fields().forEachRemaining(e -> {
      Optional<Provider> p = Provider.parse(e.getKey().equals("codex") ? "openai" : e.getKey());
      BigDecimal rate;
      try {
        rate = new BigDecimal(e.getValue().asText());
      } catch (NumberFormatException bad) {
        throw new CrsValues.BadField("serviceRates", "has a rate that is not a number");
      }
      if (p.isPresent()) out.put(p.get(), rate);
      else unknown.add(e.getKey());
    });
    if (!unknown.isEmpty()) notes.add("service rates for " + unknown + " dropped: services the relay does not serve");
    return out;
  }
}
