package io.clauderelay.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * What a Bedrock account signs with, as kept (encrypted) in the account's credential: the AWS
 * region it signs for, its default model, and either an access key pair (with an optional session
 * token) or a Bedrock API key sent as a Bearer token. The region and default model ride here
 * because {@code Account} has no per-type fields; they are not secret and the admin view shows them.
 */
public record BedrockCredential(String region, String defaultModel, String accessKeyId, String secretAccessKey,
    String sessionToken, String bearerToken) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** AWS region names: {@code us-east-1}, {@code eu-central-2}, {@code us-gov-west-1}. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  public BedrockCredential {
    if (region == null || !REGION.matcher(region).matches())
      throw new IllegalArgumentException("region must be an AWS region such as us-east-1");
    defaultModel = blankToNull(defaultModel);
    accessKeyId = blankToNull(accessKeyId);
    secretAccessKey = blankToNull(secretAccessKey);
    sessionToken = blankToNull(sessionToken);
    bearerToken = blankToNull(bearerToken);
    boolean keys = accessKeyId != null && secretAccessKey != null;
    if (!keys && bearerToken == null)
      throw new IllegalArgumentException("needs awsCredentials {accessKeyId, secretAccessKey} or a bearerToken");
  }

  public static boolean validRegion(String region) {
    return region != null && REGION.matcher(region).matches();
  }

  /** A Bedrock API key: {@code Authorization: Bearer}, no SigV4. Keys win when both are set. */
  public boolean bearer() {
    return accessKeyId == null || secretAccessKey == null;
  }

  /** {@code access_key} or {@code bearer_token}, as CRS names them. */
  public String credentialType() {
    return bearer() ? "bearer_token" : "access_key";
  }

  /** The standard endpoint of {@code region}; VPC endpoints and tests set their own. */
  public static String defaultEndpoint(String region) {
    return "https://bedrock-runtime." + region + ".amazonaws.com";
  }

  public String toJson() {
    ObjectNode n = JSON.createObjectNode().put("region", region);
    if (defaultModel != null) n.put("defaultModel", defaultModel);
    if (accessKeyId != null) n.put("accessKeyId", accessKeyId);
    if (secretAccessKey != null) n.put("secretAccessKey", secretAccessKey);
    if (sessionToken != null) n.put("sessionToken", sessionToken);
    if (bearerToken != null) n.put("bearerToken", bearerToken);
    return n.toString();
  }

  /** @throws IllegalArgumentException when {@code json} is not a Bedrock credential */
  public static BedrockCredential parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject()) throw new IllegalArgumentException("not a Bedrock credential");
      return new BedrockCredential(text(n, "region"), text(n, "defaultModel"), text(n, "accessKeyId"),
          text(n, "secretAccessKey"), text(n, "sessionToken"), text(n, "bearerToken"));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a Bedrock credential");
    }
  }

  /** The access key id with all but its first four and last four characters hidden, for the admin view. */
  public String maskedAccessKeyId() {
    if (accessKeyId == null) return null;
    return accessKeyId.length() <= 8
        ? "****"
        : accessKeyId.substring(0, 4) + "****"
            + accessKeyId.substring(accessKeyId.length() - 4);
  }

  /** Never a secret. */
  @Override
  public String toString() {
    return "BedrockCredential[" + region + ", " + credentialType() + "]";
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
