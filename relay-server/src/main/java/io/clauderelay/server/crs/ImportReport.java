package io.clauderelay.server.crs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did (or, in a dry run, would do), section by section; names and ids only, never a
 * secret. {@link #changed()} is false when a rerun found nothing new.
 */
final class ImportReport {
  private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
  private final List<String> lines = new ArrayList<>();
  private long settlements;
  private long requests;
  private long ratedMicros;
  private boolean changed;

  void count(String section, String outcome) {
    counts.computeIfAbsent(section, s -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    if (!outcome.equals("unchanged") && !outcome.startsWith("skipped") && !outcome.startsWith("kept")) changed = true;
  }

  void line(String text) {
    lines.add(text);
  }

  void usage(long settlements, long requests, long ratedMicros) {
    this.settlements += settlements;
    this.requests += requests;
    this.ratedMicros += ratedMicros;
    if (settlements > 0) changed = true;
  }

  boolean changed() {
    return changed;
  }

  void print(PrintStream out, String header, boolean dryRun) {
    out.println(header);
    counts.forEach((section, m) -> {
      StringBuilder b = new StringBuilder(section).append(':');
      m.forEach((outcome, n) -> b.append(' ').append(n).append(' ').append(outcome).append(','));
      out.println(b.substring(0, b.length() - 1));
    });
    out.printf("usage: %d requests, $%s rated cost, in %d settlements%n", requests, dollars(ratedMicros), settlements);
    lines.forEach(l -> out.println("  " + l));
    out.println(dryRun
        ? "dry run: nothing was written" + (changed ? "; a real run would write the above" : "; nothing is new")
        : changed ? "done" : "nothing new since the last import: nothing changed");
  }

  static String dollars(long micros) {
    return java.math.BigDecimal.valueOf(micros, 6).toPlainString();
  }
}
