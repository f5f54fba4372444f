package io.clauderelay.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvFileTemplateTest {

  @Test
  void fillsTheSecretsAndCommentsOutEveryOtherAssignment() {
    String out = EnvFileTemplate.render("# header\nJWT_SECRET=\nPORT=3000\n# HOST comment\nENCRYPTION_KEY=\n", "j",
        "k");
    assertThat(out).endsWith("# header\nJWT_SECRET=j\n# PORT=3000\n# HOST comment\nENCRYPTION_KEY=k\n");
  }

  @Test
  void secretsWithRegexSpecialCharactersAreWrittenLiterally() {
    assertThat(EnvFileTemplate.render("JWT_SECRET=\nENCRYPTION_KEY=\n", "a$1\\b", "x+/="))
        .contains("JWT_SECRET=a$1\\b\n").contains("ENCRYPTION_KEY=x+/=\n");
  }

  @Test
  void refusesAGeneratedSecretThatWouldBreakTheFile() {
    assertThatThrownBy(() -> EnvFileTemplate.render("JWT_SECRET=\n", "two words", "k"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBundledTemplateIsTheRepositoryEnvExample() {
    String out = EnvFileTemplate.render("jwt-value", "key-value");
    assertThat(out).contains("\nJWT_SECRET=jwt-value\n").contains("\nENCRYPTION_KEY=key-value\n")
        .contains("# REDIS_SENTINEL_MASTER_NAME=mymaster");
  }
}
