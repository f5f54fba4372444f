package io.clauderelay.server.relay;

import io.clauderelay.providers.anthropic.AnthropicTarget;
import io.clauderelay.providers.bedrock.BedrockCredential;
import io.vertx.core.net.ProxyOptions;
import java.util.Map;

/**
 * Where and how one chosen account is reached: how its credential authenticates, its base URL,
 * the decrypted credential and its proxy (null for none). Built once per attempt by the flow from
 * the account's type, so no route can forget how an account authenticates.
 */
public record UpstreamTarget(CredentialKind kind, String baseUrl, String credential, ProxyOptions proxy,
    Map<String, String> options) {

  /** A target of a kind without options (every kind but the cloud ones). */
  public UpstreamTarget(CredentialKind kind, String baseUrl, String credential, ProxyOptions proxy) {
    this(kind, baseUrl, credential, proxy, Map.of());
  }

  public UpstreamTarget {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** How the credential goes upstream. */
  public enum CredentialKind {
    /** A vendor API key (or a compatible gateway's key): the vendor's own header rules. */
    API_KEY,
    /** A Claude subscription's OAuth access token: always {@code Authorization: Bearer} plus the OAuth beta. */
    OAUTH_BEARER,
    /** An Azure OpenAI resource key: {@code api-key}, with the account's deployment and API version. */
    AZURE_API_KEY,
    /**
     * A Google service account's key file, exchanged for an access token at send time; never sent
     * itself. With the account's project and region.
     */
    GOOGLE_SERVICE_ACCOUNT,
    /** An AWS Bedrock account: the credential is its {@link BedrockCredential} JSON, the base URL its endpoint. */
    BEDROCK
  }

  /** A Bedrock target's signing region, default model and keys (or API key). */
  public BedrockCredential bedrock() {
    if (kind != CredentialKind.BEDROCK) throw new IllegalStateException("not a Bedrock target");
    return BedrockCredential.parse(credential);
  }

  /** The Anthropic target for this account, with the subscription rules when the credential is an OAuth token. */
  public AnthropicTarget anthropic() {
    // A cloud credential must never reach an Anthropic-shaped call (a key file as x-api-key).
    if (kind != CredentialKind.API_KEY && kind != CredentialKind.OAUTH_BEARER)
      throw new IllegalStateException(kind + " is not an Anthropic credential");
    return kind == CredentialKind.OAUTH_BEARER
        ? AnthropicTarget.oauth(baseUrl, credential)
        : new AnthropicTarget(baseUrl, credential);
  }

  /** Never the credential. */
  @Override
  public String toString() {
    return "UpstreamTarget[" + kind + ", " + baseUrl + (proxy == null ? "" : ", proxied") + "]";
  }
}
