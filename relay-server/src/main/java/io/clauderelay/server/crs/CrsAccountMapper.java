package io.clauderelay.server.crs;

import static io.clauderelay.server.crs.CrsValues.bool;
import static io.clauderelay.server.crs.CrsValues.instant;
import static io.clauderelay.server.crs.CrsValues.integer;
import static io.clauderelay.server.crs.CrsValues.micros;
import static io.clauderelay.server.crs.CrsValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.crypto.crs.CrsCipher;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountProtections;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.ModelSupport;
import io.clauderelay.domain.account.ProxySpec;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.oauth.OAuthCredential;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.anthropic.AnthropicTarget;
import io.clauderelay.providers.azure.AzureTarget;
import io.clauderelay.server.cloud.CloudUpstreams;
import io.clauderelay.providers.bedrock.BedrockCredential;
import io.clauderelay.server.oauth.OAuthCredentialJson;
import io.clauderelay.server.proxy.StoredProxy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One CRS account hash as a relay account under the same id: its secret decrypted with CRS's scheme
 * and encrypted with ours, its proxy (clear in CRS) encrypted too. Notes collect what did not carry.
 */
final class CrsAccountMapper {
  /** Fields CRS rewrites while serving: a change in them alone is not a change to import. */
  static final Set<String> VOLATILE = Set.of("lastUsedAt", "updatedAt", "dailyUsage", "lastResetDate", "rateLimitedAt",
      "rateLimitStatus", "lastRefreshAt", "quotaStoppedAt", "autoStoppedAt", "tempUnavailableAt");

  /** What CRS sends when an Azure account names no API version (azureOpenaiAccountService.js). */
  static final String CRS_AZURE_API_VERSION = "2024-02-01";

  private CrsAccountMapper() {}

  static Account map(CrsAccountKind kind, Map<String, String> h, Set<String> groups, CrsCipher crs, SecretCipher ours,
      Instant now, List<String> notes) throws CrsCipher.WrongKeyException {
    String id = text(h, "id");
    if (id.isEmpty()) throw new CrsValues.BadField("id", "is missing");
    String credential = switch (kind) {
      case CLAUDE_OAUTH -> ours.encrypt(OAuthCredentialJson.write(oauth(h, crs, kind.salt)));
      case BEDROCK -> ours.encrypt(bedrock(h, crs).toJson());
      default -> {
        String key = crs.decrypt(text(h, "apiKey"), kind.salt);
        if (key.isBlank()) throw new CrsValues.BadField("apiKey", "is empty");
        yield ours.encrypt(key.trim());
      }
    };
    String baseUrl = switch (kind) {
      case CLAUDE_CONSOLE -> required(h, "apiUrl");
      case OPENAI_RESPONSES -> orDefault(text(h, "baseApi"), "https://api.openai.com");
      case GEMINI_API -> orDefault(text(h, "baseUrl"), "https://generativelanguage.googleapis.com");
      case AZURE_OPENAI -> required(h, "azureEndpoint");
      case BEDROCK -> BedrockCredential.defaultEndpoint(region(h));
      default -> orDefault(text(h, "apiUrl"), AnthropicTarget.DEFAULT_BASE_URL);
    };
    int priority = Math.max(1, Math.min(100, integer(h, "priority", 50)));
    int concurrency = Math.max(0, integer(h, "maxConcurrentTasks", integer(h, "maxConcurrency", 0)));
    String accountType = text(h, "accountType");
    Instant created = Optional.ofNullable(instant(h, "createdAt")).orElse(now);
    return new Account(id, kind.type, text(h, "name"), text(h, "description"), baseUrl, credential, priority,
        bool(h, "isActive", true), bool(h, "schedulable", true), status(h, notes), text(h, "errorMessage"),
        models(h), concurrency, Math.max(0, micros(h, "dailyQuota")),
        accountType.equals("dedicated") || accountType.equals("group"), groups, proxy(h, ours), created, now,
        options(kind, h, notes),
        // CRS's protections; its 5-hour warning stop has no utilization threshold.
        new AccountProtections(bool(h, "autoStopOnWarning", false), null, bool(h, "disableAutoProtection", false),
            seconds(h, "tempUnavailable503TtlSeconds"), seconds(h, "tempUnavailable5xxTtlSeconds"),
            instant(h, "subscriptionExpiresAt"), null,
            // CRS serializes a Claude account's user turns when its maxConcurrency is above 0.
            kind.type == io.clauderelay.domain.account.AccountType.CLAUDE_OAUTH && integer(h, "maxConcurrency", 0) > 0,
            null));
  }

  /** Azure's deployment and API version; no options for the other types. */
  private static Map<String, String> options(CrsAccountKind kind, Map<String, String> h, List<String> notes) {
    if (kind != CrsAccountKind.AZURE_OPENAI) return Map.of();
    String deployment = required(h, "deploymentName");
    if (!AzureTarget.DEPLOYMENT.matcher(deployment).matches())
      throw new CrsValues.BadField("deploymentName", "is not an Azure deployment name");
    String version = text(h, "apiVersion");
    if (version.isEmpty()) {
      // CRS then sent 2024-02-01, which refuses stream_options: streams could not be billed from their usage.
      version = AzureTarget.DEFAULT_API_VERSION;
      notes.add("apiVersion was empty (CRS sent " + CRS_AZURE_API_VERSION + "): imported as " + version
          + ", which reports the usage of streams");
    } else if (!AzureTarget.API_VERSION.matcher(version).matches()) {
      throw new CrsValues.BadField("apiVersion", "is not an Azure API version");
    }
    return Map.of(CloudUpstreams.DEPLOYMENT, deployment, CloudUpstreams.API_VERSION, version);
  }

  /** A CRS cool-down override in seconds; null when absent or not a number of seconds. */
  private static Integer seconds(Map<String, String> h, String field) {
    int v = integer(h, field, -1);
    return v < 0 ? null : v;
  }

  /** CRS's Bedrock region, or its default ({@code AWS_REGION}'s default, us-east-1). */
  private static String region(Map<String, String> h) {
    String region = orDefault(text(h, "region"), "us-east-1");
    if (!BedrockCredential.validRegion(region)) throw new CrsValues.BadField("region", "is not an AWS region");
    return region;
  }

  /**
   * A Bedrock account's {@code awsCredentials} (JSON {@code {accessKeyId, secretAccessKey,
   * sessionToken}}) or {@code bearerToken} (JSON {@code {token}}), each {@code {encrypted, iv}} with
   * CRS's Bedrock scheme.
   */
  private static BedrockCredential bedrock(Map<String, String> h, CrsCipher crs) throws CrsCipher.WrongKeyException {
    JsonNode aws = plain(h, "awsCredentials", crs, false);
    JsonNode bearer = plain(h, "bearerToken", crs, true);
    String token = bearer == null ? null : bearer.isTextual() ? bearer.asText() : bearer.path("token").asText(null);
    if (aws == null && token == null) throw new CrsValues.BadField("awsCredentials", "and bearerToken are empty");
    try {
      return new BedrockCredential(region(h), text(h, "defaultModel"),
          aws == null ? null : aws.path("accessKeyId").asText(null),
          aws == null ? null : aws.path("secretAccessKey").asText(null),
          aws == null ? null : aws.path("sessionToken").asText(null), token);
    } catch (IllegalArgumentException incomplete) {
      throw new CrsValues.BadField("awsCredentials", "has no access key pair");
    }
  }

  /** The decrypted JSON of one {@code {encrypted, iv}} field, or null when the field is absent. */
  private static JsonNode plain(Map<String, String> h, String field, CrsCipher crs, boolean mayBeText)
      throws CrsCipher.WrongKeyException {
    JsonNode sealed = CrsValues.json(h, field);
    if (!sealed.isObject() || !sealed.hasNonNull("encrypted")) return null;
    String text = crs.decryptBedrock(sealed.path("encrypted").asText(), sealed.path("iv").asText());
    if (text.isEmpty()) return null;
    try {
      return CrsValues.JSON.readTree(text);
    } catch (IOException notJson) {
      // A token may have been sealed as bare text; credentials are always CRS's JSON, else another key's output.
      if (mayBeText) return CrsValues.JSON.getNodeFactory().textNode(text);
      throw new CrsCipher.WrongKeyException("decrypts to something that is not CRS's JSON");
    }
  }

  /**
   * CRS's live token: its refresh rewrites the hash's {@code accessToken}, {@code refreshToken} and
   * {@code expiresAt} but never the {@code claudeAiOauth} JSON pasted at creation, whose refresh token
   * is rotated away after the first refresh. So the hash fields win; the JSON fills what they lack.
   */
  private static OAuthCredential oauth(Map<String, String> h, CrsCipher crs, String salt)
      throws CrsCipher.WrongKeyException {
    Optional<OAuthCredential> pasted = Optional.empty();
    String blob = crs.decrypt(text(h, "claudeAiOauth"), salt);
    if (!blob.isBlank()) {
      try {
        pasted = OAuthCredentialJson.pasted(CrsValues.JSON.readTree(blob));
      } catch (IOException | IllegalArgumentException e) {
        throw new CrsValues.BadField("claudeAiOauth", "is not an OAuth credential");
      }
    }
    String access = crs.decrypt(text(h, "accessToken"), salt);
    String refresh = crs.decrypt(text(h, "refreshToken"), salt);
    Instant expiresAt = instant(h, "expiresAt");
    List<String> scopes = text(h, "scopes").isEmpty() ? List.of() : Arrays.asList(text(h, "scopes").split("[\\s,]+"));
    if (pasted.isPresent()) {
      OAuthCredential p = pasted.get();
      boolean live = !access.isBlank();
      access = live ? access : p.accessToken();
      refresh = !refresh.isBlank() ? refresh : p.refreshToken();
      expiresAt = live && expiresAt != null ? expiresAt : p.expiresAt();
      scopes = !scopes.isEmpty() ? scopes : p.scopes();
      ClaudePlan plan = p.plan() != ClaudePlan.UNKNOWN ? p.plan() : plan(h);
      return new OAuthCredential(access, refresh, expiresAt, scopes, plan);
    }
    if (access.isBlank() && refresh.isBlank())
      throw new CrsValues.BadField("accessToken", "and refreshToken are empty");
    return new OAuthCredential(access, refresh, expiresAt, scopes, plan(h));
  }

  private static ClaudePlan plan(Map<String, String> h) {
    JsonNode info = CrsValues.json(h, "subscriptionInfo");
    for (String f : List.of("subscriptionType", "accountType", "plan")) {
      if (info.hasNonNull(f)) return ClaudePlan.parse(info.get(f).asText());
    }
    if (info.path("hasClaudeMax").asBoolean(false)) return ClaudePlan.MAX;
    if (info.path("hasClaudePro").asBoolean(false)) return ClaudePlan.PRO;
    return ClaudePlan.UNKNOWN;
  }

  private static AccountStatus status(Map<String, String> h, List<String> notes) {
    String s = text(h, "status");
    if (s.isEmpty() || s.equals("rate_limited") || s.equals("temp_error")) return AccountStatus.ACTIVE;
    try {
      return AccountStatus.parse(s);
    } catch (IllegalArgumentException unknown) {
      notes.add("status '" + s + "' has no equivalent: imported as active");
      return AccountStatus.ACTIVE;
    }
  }

  private static ModelSupport models(Map<String, String> h) {
    JsonNode n = CrsValues.json(h, "supportedModels");
    if (n.isArray()) {
      List<String> list = new ArrayList<>();
      n.forEach(m -> {
        if (!m.asText().isBlank()) list.add(m.asText());
      });
      return ModelSupport.list(list);
    }
    if (n.isObject()) {
      Map<String, String> map = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
      return ModelSupport.map(map);
    }
    return ModelSupport.ALL;
  }

  /** CRS keeps the proxy as clear JSON {@code {type, host, port, username, password}}; ours is encrypted. */
  private static String proxy(Map<String, String> h, SecretCipher ours) {
    String v = text(h, "proxy");
    if (v.isEmpty() || v.equals("null") || v.equals("{}")) return "";
    ProxySpec.Result r = StoredProxy.object(v);
    if (r instanceof ProxySpec.Valid valid) return StoredProxy.seal(valid.spec(), ours);
    throw new CrsValues.BadField("proxy", ((ProxySpec.Invalid) r).problem());
  }

  private static String required(Map<String, String> h, String field) {
    String v = text(h, field);
    if (v.isEmpty()) throw new CrsValues.BadField(field, "is missing");
    return v;
  }

  private static String orDefault(String v, String dflt) {
    return v.isEmpty() ? dflt : v;
  }
}
