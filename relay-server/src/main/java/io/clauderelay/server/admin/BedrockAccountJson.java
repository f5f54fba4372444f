package io.clauderelay.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.providers.bedrock.BedrockCredential;
import java.time.Instant;

/**
 * CRS's Bedrock account fields ({@code region, awsCredentials {accessKeyId, secretAccessKey,
 * sessionToken}} or {@code bearerToken}, {@code defaultModel}, and our {@code endpointUrl}) onto an
 * {@link Account}: the endpoint is its base URL, the rest its encrypted {@link BedrockCredential}.
 * The common fields (priority, schedulable, proxy, …) are read as for every account. The view shows
 * the region, default model, endpoint and credential type, never a secret.
 */
final class BedrockAccountJson {
  private BedrockAccountJson() {}

  static Account create(JsonFields f, String id, SecretCipher cipher, Instant now) {
    String name = f.string("name", 100);
    if (name == null || name.isBlank()) throw JsonFields.bad("name", "is required");
    String region = region(f);
    if (region == null) throw JsonFields.bad("region", "is required (e.g. us-east-1)");
    BedrockCredential credential = credential(f, region, null);
    return AccountJson.create(f, AccountType.BEDROCK, id, endpoint(f, region, null),
        cipher.encrypt(credential.toJson()), cipher, now);
  }

  static Account update(JsonFields f, Account current, SecretCipher cipher, Instant now) {
    BedrockCredential stored = BedrockCredential.parse(cipher.decrypt(current.credential()));
    String region = region(f);
    if (region == null) region = stored.region();
    BedrockCredential credential = credential(f, region, stored);
    String endpoint = endpoint(f, region, current.baseUrl().equals(BedrockCredential.defaultEndpoint(stored.region()))
        ? null
        : current.baseUrl());
    Account common = AccountUpdate.apply(f, current, cipher, now);
    return with(common, endpoint, cipher.encrypt(credential.toJson()));
  }

  /** Adds the Bedrock fields to an account's admin view. */
  static void decorate(ObjectNode view, Account a, SecretCipher cipher) {
    view.remove("apiUrl");
    view.put("endpointUrl", a.baseUrl());
    try {
      BedrockCredential c = BedrockCredential.parse(cipher.decrypt(a.credential()));
      view.put("region", c.region()).put("defaultModel", c.defaultModel()).put("credentialType", c.credentialType());
      if (!c.bearer()) {
        view.putObject("awsCredentials").put("accessKeyId", c.maskedAccessKeyId())
            .put("hasSessionToken", c.sessionToken() != null);
      }
    } catch (IllegalArgumentException unreadable) {
      view.put("credentialError", "the credential cannot be read with this ENCRYPTION_KEY");
    }
  }

  private static String region(JsonFields f) {
    String region = f.string("region", 40);
    if (region == null || region.isBlank()) return null;
    if (!BedrockCredential.validRegion(region.trim()))
      throw JsonFields.bad("region", "must be an AWS region such as us-east-1");
    return region.trim();
  }

  /** The keys or API key in the body over the stored ones; an empty secret from a form keeps the stored one. */
  private static BedrockCredential credential(JsonFields f, String region, BedrockCredential stored) {
    String accessKeyId = stored == null ? null : stored.accessKeyId();
    String secret = stored == null ? null : stored.secretAccessKey();
    String session = stored == null ? null : stored.sessionToken();
    String bearer = stored == null ? null : stored.bearerToken();
    String defaultModel = stored == null ? null : stored.defaultModel();
    JsonFields aws = f.object("awsCredentials");
    if (aws != null) {
      String id = aws.string("accessKeyId", 128);
      String key = aws.string("secretAccessKey", 256);
      String token = aws.string("sessionToken", 4096);
      if (id != null && !id.isBlank()) accessKeyId = id.trim();
      if (key != null && !key.isBlank()) secret = key.trim();
      if (token != null) session = token.isBlank() ? null : token.trim();
      if (accessKeyId == null) throw JsonFields.bad("awsCredentials.accessKeyId", "is required");
      if (secret == null) throw JsonFields.bad("awsCredentials.secretAccessKey", "is required");
      bearer = null;
    }
    String token = f.string("bearerToken", 4096);
    if (token != null && !token.isBlank()) {
      bearer = token.trim();
      if (aws == null) {
        accessKeyId = null;
        secret = null;
        session = null;
      }
    }
    String model = f.string("defaultModel", 300);
    if (model != null) defaultModel = model.isBlank() ? null : model.trim();
    if ((accessKeyId == null || secret == null) && bearer == null) {
      throw JsonFields.bad("awsCredentials", "or bearerToken is required (an access key pair, or a Bedrock API key)");
    }
    return new BedrockCredential(region, defaultModel, accessKeyId, secret, session, bearer);
  }

  /** The body's {@code endpointUrl}, else the one kept (a custom endpoint), else the region's own. */
  private static String endpoint(JsonFields f, String region, String kept) {
    String url = f.string("endpointUrl", 2000);
    if (url != null && !url.isBlank()) {
      try {
        AccountJson.checkUrl(url);
      } catch (RuntimeException bad) {
        throw JsonFields.bad("endpointUrl",
            "must be an http(s) URL such as https://bedrock-runtime.us-east-1.amazonaws.com");
      }
      return url.trim();
    }
    if (url == null && kept != null) return kept;
    return BedrockCredential.defaultEndpoint(region);
  }

  private static Account with(Account a, String endpoint, String credential) {
    return new Account(a.id(), a.type(), a.name(), a.description(), endpoint, credential, a.priority(), a.active(),
        a.schedulable(), a.status(), a.errorMessage(), a.models(), a.maxConcurrency(), a.dailyQuotaMicros(),
        a.dedicated(), a.groups(), a.proxy(), a.createdAt(), a.updatedAt(), a.options(), a.protections());
  }
}
