package io.clauderelay.server.config;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Valid secret values and small map builders for configuration tests. */
final class ConfigFixtures {
  static final String JWT = "jwt-secret-0123456789-0123456789-0123456789";
  static final String KEY_B64 = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');
  static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  static final String REDIS_PW = "redis-pw-Zq81";

  private ConfigFixtures() {}

  static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, String> production(String... kv) {
    Map<String, String> m = env("NODE_ENV", "production", "JWT_SECRET", JWT, "ENCRYPTION_KEY", KEY_B64);
    m.putAll(env(kv));
    return m;
  }
}
