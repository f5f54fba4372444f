package io.clauderelay.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAX_IN_FLIGHT defaults to what the descriptor limit lets a node hold; the lease length is set or 30 s. */
class CapacityConfigTest {

  @Test
  void theDefaultCeilingLeavesTwoDescriptorsPerRequestAndSomeForTheRest() {
    assertThat(CapacityConfig.derivedMaxInFlight(20_000)).isEqualTo(9_872);
    assertThat(CapacityConfig.derivedMaxInFlight(1_048_576)).isEqualTo(524_160);
    // A tiny limit still gets a usable node; an unknown one a middling default.
    assertThat(CapacityConfig.derivedMaxInFlight(256)).isEqualTo(64);
    assertThat(CapacityConfig.derivedMaxInFlight(-1)).isEqualTo(1000);
  }

  @Test
  void unsetValuesAreDerivedAndSetOnesWin(@TempDir Path dir) {
    CapacityConfig derived = CapacityConfig.from(new EnvValues(Map.of(), dir));
    assertThat(derived.maxInFlight()).isEqualTo(CapacityConfig.derivedMaxInFlight(CapacityConfig.openFileLimit()));
    assertThat(derived.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(derived.leaseRenewInterval()).isEqualTo(Duration.ofSeconds(10));

    CapacityConfig set = CapacityConfig
        .from(new EnvValues(Map.of("MAX_IN_FLIGHT", "4000", "CONCURRENCY_LEASE_SECONDS", "6"), dir));
    assertThat(set.maxInFlight()).isEqualTo(4000);
    assertThat(set.leaseTtl()).isEqualTo(Duration.ofSeconds(6));
  }
}
