package io.clauderelay.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.account.ProxySpec;
import io.clauderelay.domain.port.SecretCipher;
import java.io.IOException;

/**
 * How an account's proxy is kept in {@code Account.proxy}: its URL encrypted like the credential
 * (the proxy password is a secret, and the original kept it in clear text). Values stored before
 * that, a plain URL or the original's JSON object text, are still read.
 */
public final class StoredProxy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredProxy() {}

  public static String seal(ProxySpec spec, SecretCipher cipher) {
    return cipher.encrypt(spec.url());
  }

  /** The stored value's spec; {@code stored} must not be empty. Problems never quote the value. */
  public static ProxySpec.Result open(String stored, SecretCipher cipher) {
    String s = stored.trim();
    if (s.startsWith("{")) return object(s);
    // A plain URL has a proxy scheme; the cipher's output never parses as one.
    ProxySpec.Result plain = ProxySpec.parse(s);
    if (plain instanceof ProxySpec.Valid) return plain;
    try {
      return ProxySpec.parse(cipher.decrypt(s));
    } catch (IllegalArgumentException undecryptable) {
      return new ProxySpec.Invalid("cannot be decrypted with this ENCRYPTION_KEY");
    }
  }

  /** The original's object form as JSON text. */
  public static ProxySpec.Result object(String json) {
    try {
      return object(JSON.readTree(json));
    } catch (IOException e) {
      return new ProxySpec.Invalid("is not valid JSON");
    }
  }

  /** The original's object form {@code {type, host, port, username, password}}. */
  public static ProxySpec.Result object(JsonNode n) {
    if (n == null || !n.isObject())
      return new ProxySpec.Invalid("must be an object {type, host, port, username, password}");
    return ProxySpec.of(text(n, "type"), text(n, "host"), text(n, "port"), text(n, "username"), text(n, "password"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : "";
  }
}
