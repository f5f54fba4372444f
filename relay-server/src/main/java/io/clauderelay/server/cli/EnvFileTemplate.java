package io.clauderelay.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bundled copy of the repository's {@code .env.example} into a fresh {@code .env}: the two
 * secrets filled in, every other variable commented out so its default applies until someone edits it.
 */
final class EnvFileTemplate {
  static final String RESOURCE = ".env.example";
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z][A-Z0-9_]*)=.*$", Pattern.MULTILINE);

  private EnvFileTemplate() {}

  static String render(String jwtSecret, String encryptionKey) {
    return render(bundled(), jwtSecret, encryptionKey);
  }

  static String render(String example, String jwtSecret, String encryptionKey) {
    checkSingleLine("JWT_SECRET", jwtSecret);
    checkSingleLine("ENCRYPTION_KEY", encryptionKey);
    Matcher m = ASSIGNMENT.matcher(example);
    StringBuilder out = new StringBuilder("# Written by `relay init`. Keep this file private (mode 600).\n");
    while (m.find()) {
      String line = switch (m.group(1)) {
        case "JWT_SECRET" -> "JWT_SECRET=" + jwtSecret;
        case "ENCRYPTION_KEY" -> "ENCRYPTION_KEY=" + encryptionKey;
        default -> "# " + m.group();
      };
      m.appendReplacement(out, Matcher.quoteReplacement(line));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String bundled() {
    try (InputStream in = EnvFileTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the relay jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkSingleLine(String name, String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
      throw new IllegalArgumentException(name + " generator returned an empty value or one with spaces or #");
    }
  }
}
