package io.clauderelay.server.config;

import static io.clauderelay.server.config.ConfigFixtures.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayConfigDefaultsTest {
  @TempDir
  Path dir;

  @Test
  void anEmptyEnvironmentGivesTheDocumentedDefaults() {
    RelayConfig c = RelayConfig.load(Map.of(), dir);

    assertThat(c.appEnv()).isEqualTo(AppEnv.DEVELOPMENT);
    assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 3000, false, dir.resolve("data").toAbsolutePath()));
    assertThat(c.store().mode()).isEqualTo(StoreMode.EMBEDDED);
    assertThat(c.store().masterName()).isEqualTo("mymaster");
    assertThat(c.store().db()).isZero();
    assertThat(c.logging()).isEqualTo(new LoggingConfig("INFO", dir.resolve("logs").toAbsolutePath()));
    assertThat(c.limits().requestMaxSizeMb()).isEqualTo(60);
    assertThat(c.limits().requestMaxSizeBytes()).isEqualTo(60L * 1024 * 1024);
    assertThat(c.limits().requestTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.limits().stickySessionTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(c.cooldowns()).isEqualTo(new UpstreamCooldowns(Duration.ofSeconds(60), Duration.ofSeconds(300),
        Duration.ofSeconds(600), Duration.ofSeconds(1800), Duration.ofSeconds(300), Duration.ofSeconds(1800)));
    assertThat(c.operations().timezoneOffsetHours()).isEqualTo(8);
    assertThat(c.operations().zoneOffset()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(c.operations().apiKeyPrefix()).isEqualTo("cr_");
    assertThat(c.operations().cleanupInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.operations().pricingUrl()).isEmpty();
    assertThat(c.admin().sessionTimeout()).isEqualTo(Duration.ofDays(1));
    assertThat(c.admin().username()).isEmpty();
    assertThat(c.admin().password()).isEmpty();
  }

  @Test
  void everyVariableIsRead() {
    RelayConfig c = RelayConfig.load(env(
        "PORT", "8080", "HOST", "0.0.0.0", "TRUST_PROXY", "true", "DATA_DIR", "/srv/relay/data",
        "LOG_LEVEL", "debug", "LOG_DIR", "var/log",
        "REQUEST_MAX_SIZE_MB", "10", "REQUEST_TIMEOUT", "1000", "STICKY_SESSION_TTL_HOURS", "1.5",
        "UPSTREAM_ERROR_503_TTL_SECONDS", "1", "UPSTREAM_ERROR_5XX_TTL_SECONDS", "2",
        "UPSTREAM_ERROR_OVERLOAD_TTL_SECONDS", "3", "UPSTREAM_ERROR_AUTH_TTL_SECONDS", "4",
        "UPSTREAM_ERROR_TIMEOUT_TTL_SECONDS", "5", "UPSTREAM_ERROR_MAX_CUSTOM_TTL_SECONDS", "6",
        "TIMEZONE_OFFSET", "-5", "API_KEY_PREFIX", "sk-team_", "CLEANUP_INTERVAL", "60000",
        "PRICING_URL", "https://example.com/prices.json", "ADMIN_SESSION_TIMEOUT", "7200000",
        "ADMIN_USERNAME", "ops@example", "ADMIN_PASSWORD", "long-enough-pw"), dir);

    assertThat(c.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080, true, Path.of("/srv/relay/data")));
    assertThat(c.logging()).isEqualTo(new LoggingConfig("DEBUG", dir.resolve("var/log").toAbsolutePath()));
    assertThat(c.limits()).isEqualTo(new LimitsConfig(10, Duration.ofSeconds(1), Duration.ofMinutes(90)));
    assertThat(c.cooldowns()).isEqualTo(new UpstreamCooldowns(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(6)));
    assertThat(c.operations().timezoneOffsetHours()).isEqualTo(-5);
    assertThat(c.operations().apiKeyPrefix()).isEqualTo("sk-team_");
    assertThat(c.operations().cleanupInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.operations().pricingUrl()).contains(URI.create("https://example.com/prices.json"));
    assertThat(c.admin().sessionTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(c.admin().username()).contains("ops@example");
    assertThat(c.admin().password().map(Secret::reveal)).contains("long-enough-pw");
  }

  @Test
  void timezoneOffsetZeroMeansUtcNotTheDefault() {
    RelayConfig c = RelayConfig.load(env("TIMEZONE_OFFSET", "0"), dir);
    assertThat(c.operations().timezoneOffsetHours()).isZero();
    assertThat(c.operations().zoneOffset()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void theDotEnvFileIsRead() throws Exception {
    Files.writeString(dir.resolve(".env"), """
        # relay settings
        export PORT=4100
        HOST="0.0.0.0"
        LOG_LEVEL='warn'
        """);
    RelayConfig c = RelayConfig.load(Map.of(), dir);
    assertThat(c.server().port()).isEqualTo(4100);
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
    assertThat(c.logging().level()).isEqualTo("WARN");
  }

  @Test
  void theEnvironmentWinsOverTheDotEnvFile() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=4100\nHOST=10.0.0.2\n");
    RelayConfig c = RelayConfig.load(env("PORT", "4200"), dir);
    assertThat(c.server().port()).isEqualTo(4200);
    assertThat(c.server().host()).isEqualTo("10.0.0.2");
  }

  @Test
  void aBlankEnvironmentValueDoesNotHideTheDotEnvValue() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=4100\n");
    assertThat(RelayConfig.load(env("PORT", " "), dir).server().port()).isEqualTo(4100);
  }

  @Test
  void aBlankValueMeansTheDefault() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT=\nREDIS_HOST=\n");
    RelayConfig c = RelayConfig.load(Map.of(), dir);
    assertThat(c.server().port()).isEqualTo(3000);
    assertThat(c.store().mode()).isEqualTo(StoreMode.EMBEDDED);
  }

  @Test
  void appEnvWinsOverNodeEnv() {
    assertThat(RelayConfig.load(env("NODE_ENV", "production", "APP_ENV", "test"), dir).appEnv()).isEqualTo(AppEnv.TEST);
    assertThat(RelayConfig.load(env("NODE_ENV", "test"), dir).appEnv()).isEqualTo(AppEnv.TEST);
  }

  @Test
  void winstonLevelNamesFromTheOriginalAreAccepted() {
    assertThat(RelayConfig.load(env("LOG_LEVEL", "verbose"), dir).logging().level()).isEqualTo("DEBUG");
    assertThat(RelayConfig.load(env("LOG_LEVEL", "ERROR"), dir).logging().level()).isEqualTo("ERROR");
  }

  @Test
  void booleansAcceptCommonSpellings() {
    assertThat(RelayConfig.load(env("TRUST_PROXY", "1"), dir).server().trustProxy()).isTrue();
    assertThat(RelayConfig.load(env("TRUST_PROXY", "Yes"), dir).server().trustProxy()).isTrue();
    assertThat(RelayConfig.load(env("TRUST_PROXY", "off"), dir).server().trustProxy()).isFalse();
  }
}
