package io.clauderelay.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeOAuthConfigTest {

  @Test
  void defaultsAreClaudeCodesRealEndpointsClientAndScopes(@TempDir Path dir) {
    ClaudeOAuthConfig c = RelayConfig.load(Map.of(), dir).claudeOAuth();
    assertThat(c.authorizeUrl()).isEqualTo("https://claude.ai/oauth/authorize");
    assertThat(c.tokenUrl()).isEqualTo("https://platform.claude.com/v1/oauth/token");
    assertThat(c.clientId()).isEqualTo("9d1c250a-e61b-44d9-88ed-5944d1962f5e");
    assertThat(c.redirectUri()).isEqualTo("https://platform.claude.com/oauth/code/callback");
    assertThat(c.scopes())
        .isEqualTo(
            "org:create_api_key user:profile user:inference user:sessions:claude_code user:mcp_servers user:file_upload");
  }

  @Test
  void eachCanBeOverriddenAndABadUrlIsRefusedByName(@TempDir Path dir) {
    ClaudeOAuthConfig c = RelayConfig.load(Map.of("CLAUDE_OAUTH_TOKEN_URL", "http://127.0.0.1:9/token",
        "CLAUDE_OAUTH_SCOPES", "user:inference"), dir).claudeOAuth();
    assertThat(c.tokenUrl()).isEqualTo("http://127.0.0.1:9/token");
    assertThat(c.scopes()).isEqualTo("user:inference");
    assertThatThrownBy(() -> RelayConfig.load(Map.of("CLAUDE_OAUTH_TOKEN_URL", "not a url"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("CLAUDE_OAUTH_TOKEN_URL");
  }

  @Test
  void theEnvTemplatesValuesReadBackAsTheDefaults(@TempDir Path dir) throws Exception {
    try (java.io.InputStream in = getClass().getResourceAsStream("/io/clauderelay/server/cli/.env.example")) {
      java.nio.file.Files.write(dir.resolve(".env"), in.readAllBytes());
    }
    assertThat(RelayConfig.load(Map.of(), dir).claudeOAuth())
        .isEqualTo(RelayConfig.load(Map.of(), dir.resolve("none")).claudeOAuth());
  }
}
