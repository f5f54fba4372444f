package io.clauderelay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads docs/SETTINGS.md, the catalog of settings and the test that shows each one's effect. */
public final class SettingsDoc {
  public static final Path FILE = Path.of("..", "docs", "SETTINGS.md");
  public static final String GAP = "none yet";
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9_]+)` \\| (.+?) \\| (.+?) \\|$");

  /** One row: the setting, what it does, and its test ({@code Class#method} or {@link #GAP}). */
  public record Row(String setting, String effect, String test) {
    public boolean gap() {
      return GAP.equals(test);
    }
  }

  private SettingsDoc() {}

  /** The rows of the section titled {@code title}. */
  public static List<Row> section(String title) {
    Map<String, List<Row>> sections = new LinkedHashMap<>();
    String current = null;
    try {
      for (String line : Files.readAllLines(FILE)) {
        if (line.startsWith("## ")) {
          current = line.substring(3).trim();
          sections.put(current, new ArrayList<>());
          continue;
        }
        Matcher m = ROW.matcher(line.trim());
        if (current != null && m.matches()) {
          sections.get(current).add(new Row(m.group(1), m.group(2), m.group(3).replace("`", "").trim()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
    }
    assertThat(sections).as("sections of " + FILE).containsKey(title);
    return sections.get(title);
  }

  public static Set<String> names(List<Row> rows) {
    Set<String> names = new TreeSet<>();
    rows.forEach(r -> assertThat(names.add(r.setting())).as("listed twice: " + r.setting()).isTrue());
    return names;
  }

  public static Set<String> gaps(List<Row> rows) {
    Set<String> gaps = new TreeSet<>();
    rows.stream().filter(Row::gap).forEach(r -> gaps.add(r.setting()));
    return gaps;
  }

  /** Every row that names a test names a test method that exists. */
  public static void assertTestsExist(List<Row> rows) {
    for (Row r : rows) {
      if (r.gap()) continue;
      String[] parts = r.test().split("#");
      assertThat(parts).as(r.setting() + ": test must be Class#method, not " + r.test()).hasSize(2);
      Class<?> type;
      try {
        type = Class.forName("io.clauderelay.server." + parts[0]);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(r.setting() + ": no test class " + parts[0], e);
      }
      boolean found = false;
      for (Method method : type.getDeclaredMethods()) {
        if (!method.getName().equals(parts[1])) continue;
        found = method.isAnnotationPresent(org.junit.jupiter.api.Test.class)
            || method.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class);
      }
      assertThat(found).as(r.setting() + ": no test method " + r.test()).isTrue();
    }
  }
}
