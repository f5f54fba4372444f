package io.clauderelay.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reader of a {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, blank lines, an optional
 * {@code export } prefix, surrounding single or double quotes stripped. No variable expansion and no
 * escape sequences, so a value means exactly what is written.
 */
public final class DotEnv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private DotEnv() {}

  /** The variables of {@code file}, or an empty map when it does not exist. */
  public static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(".env could not be read (" + e.getClass().getSimpleName()
          + "), e.g. check the permissions of " + file.toAbsolutePath());
    }
  }

  /** Parses the lines of a {@code .env} file; a later line wins over an earlier one with the same key. */
  public static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = stripBom(lines.get(i), i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        // The line is not echoed: a mistyped line may well hold a secret.
        throw new ConfigException(
            ".env line " + (i + 1) + " must be KEY=VALUE with a letter, digit or _ key, e.g. PORT=3000");
      }
      out.put(key, value(line.substring(eq + 1).strip(), i + 1, key));
    }
    return out;
  }

  private static String value(String raw, int lineNo, String key) {
    if (raw.startsWith("\"") || raw.startsWith("'")) {
      char quote = raw.charAt(0);
      int close = raw.indexOf(quote, 1);
      if (close < 0) {
        throw new ConfigException(".env line " + lineNo + " (" + key + ") has no closing " + quote
            + ", e.g. " + key + "=" + quote + "value" + quote);
      }
      return raw.substring(1, close);
    }
    // Unquoted: " #" starts a trailing comment, as in most dotenv readers; a '#' inside a word stays.
    int comment = indexOfInlineComment(raw);
    return (comment < 0 ? raw : raw.substring(0, comment)).strip();
  }

  private static int indexOfInlineComment(String raw) {
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  private static String stripBom(String line, int index) {
    return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
