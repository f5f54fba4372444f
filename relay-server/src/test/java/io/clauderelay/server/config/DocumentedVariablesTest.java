package io.clauderelay.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .env.example (bundled from the repository root) documents exactly the variables the loader reads. */
class DocumentedVariablesTest {

  @Test
  void envExampleListsEveryVariableTheLoaderReadsAndNoOther(@TempDir Path dir) throws Exception {
    EnvValues env = new EnvValues(Map.of(), dir);
    RelayConfig.from(env, new SecureRandom());

    assertThat(documented()).isEqualTo(new TreeSet<>(env.namesRead()));
  }

  private static Set<String> documented() throws Exception {
    try (
        InputStream in = DocumentedVariablesTest.class.getResourceAsStream("/io/clauderelay/server/cli/.env.example")) {
      assertThat(in).as(".env.example on the classpath").isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Set<String> names = new TreeSet<>();
      Matcher m = Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]*)=").matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }
}
