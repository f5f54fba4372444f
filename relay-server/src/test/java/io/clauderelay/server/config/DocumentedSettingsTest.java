package io.clauderelay.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.server.SettingsDoc;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/SETTINGS.md lists exactly the variables the loader reads, each with an existing test of its effect. */
class DocumentedSettingsTest {
  /** The variables without an effect test yet: this list may only shrink. */
  static final Set<String> KNOWN_GAPS = Set.of();

  @Test
  void everyVariableTheLoaderReadsHasARowAndEveryRowsTestExists(@TempDir Path dir) {
    EnvValues env = new EnvValues(Map.of(), dir);
    RelayConfig.from(env, new SecureRandom());
    List<SettingsDoc.Row> rows = SettingsDoc.section("Environment variables");

    assertThat(SettingsDoc.names(rows)).isEqualTo(new TreeSet<>(env.namesRead()));
    SettingsDoc.assertTestsExist(rows);
    assertThat(SettingsDoc.gaps(rows)).isEqualTo(new TreeSet<>(KNOWN_GAPS));
  }
}
