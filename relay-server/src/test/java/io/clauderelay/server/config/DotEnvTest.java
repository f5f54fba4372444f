package io.clauderelay.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

  @Test
  void readsKeyValueLinesSkippingCommentsAndBlankLines() {
    var vars = DotEnv.parse(List.of("# a comment", "", "   ", "PORT=4000", "  HOST = 0.0.0.0  "));
    assertThat(vars).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("PORT", "4000", "HOST", "0.0.0.0"));
  }

  @Test
  void acceptsTheExportPrefix() {
    assertThat(DotEnv.parse(List.of("export LOG_LEVEL=debug"))).containsEntry("LOG_LEVEL", "debug");
  }

  @Test
  void stripsDoubleAndSingleQuotesWithoutExpandingAnything() {
    var vars = DotEnv.parse(List.of(
        "A=\"two words # not a comment\"",
        "B='$HOME and ${PATH}'",
        "C=\"back\\nslash\""));
    assertThat(vars).containsEntry("A", "two words # not a comment")
        .containsEntry("B", "$HOME and ${PATH}")
        .containsEntry("C", "back\\nslash");
  }

  @Test
  void dropsATrailingCommentAfterAnUnquotedValueButKeepsAHashInsideAWord() {
    var vars = DotEnv.parse(List.of("PORT=4000   # the port", "REDIS_PASSWORD=ab#cd", "Q='x' # note"));
    assertThat(vars).containsEntry("PORT", "4000").containsEntry("REDIS_PASSWORD", "ab#cd").containsEntry("Q", "x");
  }

  @Test
  void keepsEqualsSignsInsideTheValue() {
    assertThat(DotEnv.parse(List.of("ENCRYPTION_KEY=abc==")))
        .containsEntry("ENCRYPTION_KEY", "abc==");
  }

  @Test
  void allowsAnEmptyValue() {
    assertThat(DotEnv.parse(List.of("REDIS_PASSWORD="))).containsEntry("REDIS_PASSWORD", "");
  }

  @Test
  void laterLinesWin() {
    assertThat(DotEnv.parse(List.of("PORT=1", "PORT=2"))).containsEntry("PORT", "2");
  }

  @Test
  void rejectsALineWithoutAnEqualsSignWithoutEchoingIt() {
    assertThatThrownBy(() -> DotEnv.parse(List.of("PORT=1", "s3cretvalue")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(".env line 2 must be KEY=VALUE")
        .hasMessageNotContaining("s3cretvalue");
  }

  @Test
  void rejectsAnUnclosedQuote() {
    assertThatThrownBy(() -> DotEnv.parse(List.of("JWT_SECRET=\"abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 1 (JWT_SECRET) has no closing \"")
        .hasMessageNotContaining("abc");
  }

  @Test
  void aMissingFileIsEmpty(@TempDir Path dir) {
    assertThat(DotEnv.read(dir.resolve(".env"))).isEmpty();
  }

  @Test
  void readsAFileWithAByteOrderMark(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "\uFEFFPORT=5000\n");
    assertThat(DotEnv.read(dir.resolve(".env"))).containsEntry("PORT", "5000");
  }
}
