package io.clauderelay.server.config;

import static io.clauderelay.server.config.ConfigFixtures.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayConfigValidationTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "PORT|abc|PORT must be an integer 0-65535 (got \"abc\"), e.g. PORT=3000",
      "PORT|-1|PORT must be an integer 0-65535 (got \"-1\"), e.g. PORT=3000",
      "PORT|65536|PORT must be an integer 0-65535 (got \"65536\"), e.g. PORT=3000",
      "REDIS_PORT|six|REDIS_PORT must be an integer 1-65535 (got \"six\"), e.g. REDIS_PORT=6379",
      "REDIS_DB|-1|REDIS_DB must be an integer 0-65535 (got \"-1\"), e.g. REDIS_DB=0",
      "TIMEZONE_OFFSET|5.5|TIMEZONE_OFFSET must be an integer -12-14 (got \"5.5\"), e.g. TIMEZONE_OFFSET=8",
      "TIMEZONE_OFFSET|15|TIMEZONE_OFFSET must be an integer -12-14 (got \"15\"), e.g. TIMEZONE_OFFSET=8",
      "TIMEZONE_OFFSET|-13|TIMEZONE_OFFSET must be an integer -12-14 (got \"-13\"), e.g. TIMEZONE_OFFSET=8",
      "REQUEST_MAX_SIZE_MB|0|REQUEST_MAX_SIZE_MB must be an integer 1-4096 (got \"0\"), e.g. REQUEST_MAX_SIZE_MB=60",
      "MAX_IN_FLIGHT|0|MAX_IN_FLIGHT must be an integer 1-1000000 (got \"0\"), e.g. MAX_IN_FLIGHT=4000",
      "MAX_IN_FLIGHT|many|MAX_IN_FLIGHT must be an integer 1-1000000 (got \"many\"), e.g. MAX_IN_FLIGHT=4000",
      "CONCURRENCY_LEASE_SECONDS|1|CONCURRENCY_LEASE_SECONDS must be an integer 3-3600 (got \"1\"), e.g. CONCURRENCY_LEASE_SECONDS=30",
      "REQUEST_TIMEOUT|10s|REQUEST_TIMEOUT must be a positive whole number of milliseconds (got \"10s\"), e.g. REQUEST_TIMEOUT=600000",
      "CLEANUP_INTERVAL|-1|CLEANUP_INTERVAL must be a positive whole number of milliseconds (got \"-1\"), e.g. CLEANUP_INTERVAL=3600000",
      "ADMIN_SESSION_TIMEOUT|1d|ADMIN_SESSION_TIMEOUT must be a positive whole number of milliseconds (got \"1d\"), e.g. ADMIN_SESSION_TIMEOUT=86400000",
      "STICKY_SESSION_TTL_HOURS|0|STICKY_SESSION_TTL_HOURS must be a positive number of hours (decimals allowed, at most 87600) (got \"0\"), e.g. STICKY_SESSION_TTL_HOURS=1.5",
      "STICKY_SESSION_TTL_HOURS|NaN|STICKY_SESSION_TTL_HOURS must be a positive number of hours (decimals allowed, at most 87600) (got \"NaN\"), e.g. STICKY_SESSION_TTL_HOURS=1.5",
      "UPSTREAM_ERROR_503_TTL_SECONDS|0|UPSTREAM_ERROR_503_TTL_SECONDS must be a positive whole number of seconds (got \"0\"), e.g. UPSTREAM_ERROR_503_TTL_SECONDS=60",
      "UPSTREAM_ERROR_AUTH_TTL_SECONDS|x|UPSTREAM_ERROR_AUTH_TTL_SECONDS must be a positive whole number of seconds (got \"x\"), e.g. UPSTREAM_ERROR_AUTH_TTL_SECONDS=1800",
      "TRUST_PROXY|maybe|TRUST_PROXY must be true or false (got \"maybe\"), e.g. TRUST_PROXY=true",
      "REDIS_SENTINEL_ENABLED|si|REDIS_SENTINEL_ENABLED must be true or false (got \"si\"), e.g. REDIS_SENTINEL_ENABLED=true",
      "LOG_LEVEL|loud|LOG_LEVEL must be one of trace, debug, info, warn, error, off (got \"loud\"), e.g. LOG_LEVEL=info",
      "NODE_ENV|staging|NODE_ENV must be development, production or test (got \"staging\"), e.g. NODE_ENV=production",
      "APP_ENV|prd|APP_ENV must be development, production or test (got \"prd\"), e.g. APP_ENV=production",
      "API_KEY_PREFIX|cr key|API_KEY_PREFIX must be 1-16 letters, digits, _ or - (got \"cr key\"), e.g. API_KEY_PREFIX=cr_",
      "PRICING_URL|ftp://x/p.json|PRICING_URL must be an http(s) URL (got \"ftp://x/p.json\"), e.g. PRICING_URL=https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
      "ADMIN_USERNAME|a b|ADMIN_USERNAME must be 1-64 letters, digits or _ . @ - (got \"a b\"), e.g. ADMIN_USERNAME=admin",
  })
  void eachBadValueStopsTheStartWithOneLineNamingTheVariable(String name, String value, String message) {
    assertThatThrownBy(() -> RelayConfig.load(env(name, value), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"-12", "0", "14"})
  void timezoneOffsetBoundsAreAccepted(int offset) {
    assertThat(RelayConfig.load(env("TIMEZONE_OFFSET", String.valueOf(offset)), dir).operations().timezoneOffsetHours())
        .isEqualTo(offset);
  }

  @org.junit.jupiter.api.Test
  void aValueWithALineBreakIsShownOnOneLineAndShortened() {
    String longValue = "12\n34" + "x".repeat(100);
    assertThatThrownBy(() -> RelayConfig.load(Map.of("PORT", longValue), dir))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("\"12?34").contains("…\"")
            .hasSizeLessThan(120));
  }
}
