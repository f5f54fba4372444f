package io.clauderelay.server.pricing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared LiteLLM price fixtures; a test calling it is skipped when they are absent. */
final class SharedFixtures {
  static final String LITELLM = "litellm_model_prices.json";
  static final String MIRROR = "crs_price_mirror_model_prices.json";

  private SharedFixtures() {}

  /** The fixture's path; skips the calling test (call it from a test or {@code @BeforeEach}) when absent. */
  static Path require(String name) {
    String dir = System.getProperty("relay.shared.dir");
    assumeTrue(dir != null && !dir.isBlank(), "relay.shared.dir is not set");
    Path file = Path.of(dir, "fixtures", name);
    assumeTrue(Files.isRegularFile(file), () -> "shared fixture absent: " + file);
    return file;
  }
}
