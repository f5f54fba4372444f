package io.clauderelay.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's dictionaries against what its page and scripts use: both languages hold the same
 * keys, every key used exists, and no visible text of the page or the scripts bypasses them (a
 * text node outside {@code data-i18n}, a literal label in a script). The browser test
 * ({@link ConsoleInChromiumTest}) then looks at the rendered Chinese pages.
 */
class ConsoleI18nTest {
  static final Path CONSOLE = Path.of("src/main/resources/webui/console");
  /** The key owners' page uses the console's dictionaries too. */
  static final Path APISTATS = Path.of("src/main/resources/webui/apistats");
  /** One dictionary entry a line: {@code 'key': 'text',} (i18n.js says so to whoever adds one). */
  static final Pattern ENTRY = Pattern.compile("^\\s*'([A-Za-z0-9_.-]+)'\\s*:\\s*'((?:[^'\\\\]|\\\\.)*)',\\s*$");
  static final Set<String> VOID = Set.of("meta", "link", "input", "br", "img", "hr");

  static Map<String, String> en;
  static Map<String, String> zh;
  static String html;
  static Map<Path, String> pages = new LinkedHashMap<>();
  static Map<Path, String> scripts = new LinkedHashMap<>();

  @BeforeAll
  static void read() throws IOException {
    en = dictionary(CONSOLE.resolve("i18n/en.js"));
    zh = dictionary(CONSOLE.resolve("i18n/zh-CN.js"));
    for (Path dir : List.of(CONSOLE, APISTATS)) {
      pages.put(dir.resolve("index.html"), Files.readString(dir.resolve("index.html")));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
          scripts.put(p, Files.readString(p));
        }
      }
    }
    html = String.join("\n", pages.values());
  }

  static Map<String, String> dictionary(Path file) throws IOException {
    Map<String, String> d = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = ENTRY.matcher(line);
      if (m.matches() && d.put(m.group(1), m.group(2).replace("\\'", "'")) != null) duplicates.add(m.group(1));
    }
    assertThat(duplicates).as("keys defined twice in " + file).isEmpty();
    assertThat(d).as(file + " has entries").hasSizeGreaterThan(100);
    return d;
  }

  @Test
  void bothLanguagesHaveTheSameKeysAndNoEmptyText() {
    assertThat(zh.keySet()).as("keys of en.js missing from zh-CN.js")
        .containsAll(en.keySet());
    assertThat(en.keySet()).as("keys of zh-CN.js missing from en.js").containsAll(zh.keySet());
    assertThat(en).allSatisfy((k, v) -> assertThat(v).as(k).isNotBlank());
    assertThat(zh).allSatisfy((k, v) -> assertThat(v).as(k).isNotBlank());
    // A Chinese text identical to the English one is allowed only where it is a name or a URL.
    List<String> same = zh.keySet().stream()
        .filter(k -> zh.get(k).equals(en.get(k)) && zh.get(k).matches(".*[a-z]{4,}.*")
            && !zh.get(k).matches("https?://\\S+|[A-Z][A-Za-z]+|HTTP \\{status\\}"))
        .toList();
    assertThat(same).as("untranslated Chinese entries").isEmpty();
  }

  @Test
  void everyKeyThePageUsesIsInTheDictionaries() {
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("data-i18n(?:-placeholder|-title|-aria-label)?=\"([^\"]+)\"").matcher(html);
    while (m.find()) used.add(m.group(1));
    assertThat(used).hasSizeGreaterThan(100);
    assertThat(en.keySet()).as("keys used in index.html").containsAll(used);
  }

  @Test
  void everyKeyTheScriptsUseIsInTheDictionaries() {
    Set<String> namespaces = new TreeSet<>();
    en.keySet().forEach(k -> namespaces.add(k.substring(0, k.indexOf('.'))));
    Set<String> used = new TreeSet<>();
    Pattern literal = Pattern.compile("'([a-z][A-Za-z]*(?:\\.[A-Za-z0-9_-]+)+)'");
    scripts.forEach((path, js) -> {
      if (path.getParent().endsWith("i18n")) return;
      Matcher m = literal.matcher(js);
      while (m.find()) {
        String key = m.group(1);
        if (namespaces.contains(key.substring(0, key.indexOf('.')))) used.add(key);
      }
    });
    assertThat(used).as("keys found in the scripts").hasSizeGreaterThan(50);
    assertThat(en.keySet()).as("keys used in the scripts").containsAll(used);
  }

  @Test
  void thePageHasNoTextOutsideTheDictionaries() {
    List<String> stray = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>();
    Matcher tag = Pattern.compile("<!--.*?-->|<!([^>]*)>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", Pattern.DOTALL)
        .matcher(html);
    int at = 0;
    while (tag.find()) {
      String between = html.substring(at, tag.start());
      if (between.codePoints().anyMatch(Character::isLetter)) {
        boolean covered = !open.isEmpty() && open.peek().contains("data-i18n=")
            || open.stream().anyMatch(a -> a.contains("translate=\"no\""));
        if (!covered) stray.add(between.trim());
      }
      at = tag.end();
      if (tag.group(3) == null) continue;
      String name = tag.group(3).toLowerCase(java.util.Locale.ROOT);
      if (tag.group(2).equals("/")) {
        if (!open.isEmpty()) open.pop();
      } else if (!VOID.contains(name) && !tag.group(4).endsWith("/")) {
        open.push(name + tag.group(4));
      }
    }
    assertThat(stray).as("text in index.html outside data-i18n / translate=\"no\"").isEmpty();
    Matcher attr = Pattern.compile("\\s(placeholder|title|aria-label)=\"[^\"]*\\p{L}").matcher(html);
    List<String> attrs = new ArrayList<>();
    while (attr.find()) attrs.add(attr.group());
    assertThat(attrs).as("visible attributes written in the page instead of data-i18n-*").isEmpty();
  }

  @Test
  void theScriptsWriteNoVisibleTextOfTheirOwn() {
    // A literal with letters where a label goes: textContent, a button, a confirm, a table cell, an error.
    Pattern label = Pattern.compile(
        "(?:textContent\\s*=|button\\(|confirm\\(|alert\\(|new Error\\(|cell\\([^,()]+,)\\s*(['`\"])((?:(?!\\1).)*)\\1");
    List<String> found = new ArrayList<>();
    scripts.forEach((path, js) -> {
      if (path.getParent().endsWith("i18n")) return;
      Matcher m = label.matcher(js);
      while (m.find()) {
        String text = m.group(2).replaceAll("\\$\\{[^}]*}", "");
        if (text.codePoints().anyMatch(Character::isLetter)) found.add(path.getFileName() + ": " + m.group());
      }
    });
    assertThat(found).as("visible strings not from t()").isEmpty();
  }

  @Test
  void theHtmlFallbackTextIsTheEnglishDictionarys() {
    Matcher m = Pattern.compile("data-i18n=\"([^\"]+)\"[^>]*>([^<]*)<").matcher(html);
    List<String> differ = new ArrayList<>();
    while (m.find()) {
      String shown = m.group(2).replaceAll("\\s+", " ").trim();
      if (!shown.isEmpty() && !shown.equals(en.get(m.group(1)))) differ.add(m.group(1) + ": " + shown);
    }
    assertThat(differ).as("index.html text that the English dictionary says differently").isEmpty();
  }
}
