package io.clauderelay.server.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bedrock's model table on top of the built-in one: {@code BEDROCK_MODEL_MAP} is a comma-separated
 * list of {@code requested=bedrockId} pairs, e.g. an EU inference profile for Sonnet 4.5 or an
 * application inference profile's ARN.
 */
public record BedrockConfig(Map<String, String> modelMap) {
  public BedrockConfig {
    modelMap = Map.copyOf(modelMap);
  }

  static BedrockConfig from(EnvValues env) {
    Optional<String> raw = env.text("BEDROCK_MODEL_MAP");
    Map<String, String> map = new LinkedHashMap<>();
    if (raw.isPresent()) {
      for (String pair : raw.get().split(",")) {
        if (pair.isBlank()) continue;
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1 || pair.substring(eq + 1).isBlank()) {
          throw EnvValues.invalid("BEDROCK_MODEL_MAP", "must be requested=bedrockId pairs separated by commas",
              raw.get(), "BEDROCK_MODEL_MAP=claude-sonnet-4-5-20250929=eu.anthropic.claude-sonnet-4-5-20250929-v1:0");
        }
        map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return new BedrockConfig(map);
  }
}
