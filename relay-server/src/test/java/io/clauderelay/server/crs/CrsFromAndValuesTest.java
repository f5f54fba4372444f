package io.clauderelay.server.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.redis.RedisSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The import's command line and its reading of CRS's float dollars. */
class CrsFromAndValuesTest {

  @Test
  void fromTakesAUrlWithPasswordAndDb() throws Exception {
    CrsFrom f = CrsFrom.parse(List.of("--from", "redis://:p%40ss@10.0.0.2:6380/3", "--dry-run"));
    assertThat(f.dryRun()).isTrue();
    assertThat(f.settings().mode()).isEqualTo(RedisSettings.Mode.STANDALONE);
    assertThat(f.settings().describe()).isEqualTo("10.0.0.2:6380/3");
    assertThat(f.settings().password()).isEqualTo("p@ss");
  }

  @Test
  void sentinelsNeedAMaster() throws Exception {
    CrsFrom f = CrsFrom.parse(List.of("--sentinels", "10.0.0.1:26379,10.0.0.2:26379", "--master", "mymaster",
        "--password", "pw"));
    assertThat(f.settings().mode()).isEqualTo(RedisSettings.Mode.SENTINEL);
    assertThat(f.settings().sentinelHosts()).containsExactly("10.0.0.1:26379", "10.0.0.2:26379");
    assertThat(f.dryRun()).isFalse();
    assertThatThrownBy(() -> CrsFrom.parse(List.of("--sentinels", "10.0.0.1:26379")))
        .isInstanceOf(CrsFrom.BadArguments.class).hasMessageContaining("--master");
  }

  @Test
  void badCommandLinesSayWhyWithoutEchoingValues() {
    assertThatThrownBy(() -> CrsFrom.parse(List.of())).hasMessageContaining("--from or --sentinels");
    assertThatThrownBy(() -> CrsFrom.parse(List.of("--from", "http://host:1"))).hasMessageContaining("redis://");
    assertThatThrownBy(() -> CrsFrom.parse(List.of("--from", "redis://h:1", "hunter2")))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void floatDollarsBecomeExactMicroDollars() {
    assertThat(CrsValues.micros("0.00336", "c")).isEqualTo(3360);
    assertThat(CrsValues.micros("0.0006299999999999999", "c")).isEqualTo(630);
    assertThat(CrsValues.micros("300", "c")).isEqualTo(300_000_000);
    assertThat(CrsValues.micros("1e-3", "c")).isEqualTo(1000);
    assertThat(CrsValues.micros("", "c")).isZero();
    // 0.1 + 0.2 in a double is 0.30000000000000004: the decimal string keeps what CRS wrote.
    assertThat(CrsValues.micros("123456789.123456", "c")).isEqualTo(123_456_789_123_456L);
    assertThatThrownBy(() -> CrsValues.micros(Map.of("dailyCostLimit", "twenty"), "dailyCostLimit"))
        .hasMessage("dailyCostLimit is not an amount of dollars");
  }
}
