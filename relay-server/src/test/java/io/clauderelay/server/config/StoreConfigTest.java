package io.clauderelay.server.config;

import static io.clauderelay.server.config.ConfigFixtures.REDIS_PW;
import static io.clauderelay.server.config.ConfigFixtures.env;
import static io.clauderelay.server.config.ConfigFixtures.production;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConfigTest {
  @TempDir
  Path dir;

  @Test
  void noRedisSettingMeansTheEmbeddedStoreAndSaysSo() {
    RelayConfig c = RelayConfig.load(Map.of(), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.EMBEDDED);
    assertThat(c.store().standalone()).isEmpty();
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("embedded store in DATA_DIR")
        .contains("one node only; for several nodes use Redis"));
  }

  @Test
  void redisHostMeansStandalone() {
    RelayConfig c = RelayConfig.load(env("REDIS_HOST", "10.0.0.2", "REDIS_PORT", "6380", "REDIS_DB", "3",
        "REDIS_PASSWORD", REDIS_PW), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.STANDALONE);
    assertThat(c.store().standalone()).contains(new HostPort("10.0.0.2", 6380));
    assertThat(c.store().db()).isEqualTo(3);
    assertThat(c.store().password().map(Secret::reveal)).contains(REDIS_PW);
    assertThat(c.warnings()).noneMatch(w -> w.contains("REDIS"));
  }

  @Test
  void sentinelEnabledMeansSentinelWithEveryHost() {
    RelayConfig c = RelayConfig.load(production("REDIS_SENTINEL_ENABLED", "true",
        "REDIS_SENTINEL_HOSTS", "10.0.0.2:26379, 10.0.0.3:26379,[::1]:26380",
        "REDIS_SENTINEL_MASTER_NAME", "relay", "REDIS_PASSWORD", REDIS_PW), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.SENTINEL);
    assertThat(c.store().sentinels()).containsExactly(
        new HostPort("10.0.0.2", 26379), new HostPort("10.0.0.3", 26379), new HostPort("::1", 26380));
    assertThat(c.store().masterName()).isEqualTo("relay");
    assertThat(c.store().sentinels().get(2)).hasToString("[::1]:26380");
  }

  @Test
  void clusterNodesMeanAClusterWithEverySeedNode() {
    RelayConfig c = RelayConfig.load(production("REDIS_CLUSTER_NODES", "10.0.0.2:6379, 10.0.0.3:6380,[::1]:6381",
        "REDIS_PASSWORD", REDIS_PW), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.CLUSTER);
    assertThat(c.store().sentinels()).containsExactly(
        new HostPort("10.0.0.2", 6379), new HostPort("10.0.0.3", 6380), new HostPort("::1", 6381));
    assertThat(io.clauderelay.server.store.RedisBackedStores.settings(c.store()).describe())
        .isEqualTo("cluster 10.0.0.2:6379,10.0.0.3:6380,[::1]:6381");
  }

  @Test
  void aClusterRefusesAnotherDbAndSentinelAndWinsOverRedisHost() {
    assertThatThrownBy(() -> RelayConfig.load(env("REDIS_CLUSTER_NODES", "r1:6379", "REDIS_DB", "2"), dir))
        .hasMessageStartingWith("REDIS_DB must be 0 with REDIS_CLUSTER_NODES");
    assertThatThrownBy(() -> RelayConfig.load(env("REDIS_CLUSTER_NODES", "r1:6379", "REDIS_SENTINEL_ENABLED", "true",
        "REDIS_SENTINEL_HOSTS", "s1:26379"), dir)).hasMessageStartingWith("REDIS_CLUSTER_NODES cannot be used");
    assertThatThrownBy(() -> RelayConfig.load(env("REDIS_CLUSTER_NODES", "r1"), dir))
        .hasMessageStartingWith("REDIS_CLUSTER_NODES must be a comma-separated list of host:port");
    RelayConfig c = RelayConfig.load(env("REDIS_CLUSTER_NODES", "r1:6379", "REDIS_HOST", "r9"), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.CLUSTER);
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).startsWith("REDIS_HOST is ignored"));
  }

  @Test
  void sentinelWinsOverRedisHostWithAWarning() {
    RelayConfig c = RelayConfig.load(env("REDIS_SENTINEL_ENABLED", "true", "REDIS_SENTINEL_HOSTS", "s1:26379",
        "REDIS_HOST", "r1"), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.SENTINEL);
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).startsWith("REDIS_HOST is ignored"));
  }

  @Test
  void sentinelWithoutHostsIsRefused() {
    assertThatThrownBy(() -> RelayConfig.load(env("REDIS_SENTINEL_ENABLED", "true"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("REDIS_SENTINEL_HOSTS must be set when REDIS_SENTINEL_ENABLED=true,"
            + " e.g. REDIS_SENTINEL_HOSTS=10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379");
  }

  @Test
  void aSentinelHostWithoutPortIsRefusedByName() {
    assertThatThrownBy(() -> RelayConfig.load(env("REDIS_SENTINEL_ENABLED", "true",
        "REDIS_SENTINEL_HOSTS", "s1:26379,s2"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("REDIS_SENTINEL_HOSTS must be a comma-separated list of host:port (got \"s2\"),"
            + " e.g. REDIS_SENTINEL_HOSTS=10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379");
  }

  @Test
  void aSentinelPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> RelayConfig.load(env("REDIS_SENTINEL_ENABLED", "true",
        "REDIS_SENTINEL_HOSTS", "s1:99999"), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDIS_SENTINEL_HOSTS must be a comma-separated list of host:port (got \"s1:99999\")");
  }

  @Test
  void sentinelDisabledIgnoresTheHostList() {
    RelayConfig c = RelayConfig.load(env("REDIS_SENTINEL_ENABLED", "false", "REDIS_SENTINEL_HOSTS", "s1:26379"), dir);
    assertThat(c.store().mode()).isEqualTo(StoreMode.EMBEDDED);
    assertThat(c.store().sentinels()).isEmpty();
  }

  @Test
  void developmentRedisWithoutPasswordWarns() {
    RelayConfig c = RelayConfig.load(env("REDIS_HOST", "localhost"), dir);
    assertThat(c.warnings()).contains("REDIS_PASSWORD not set: connecting to Redis without a password");
  }
}
