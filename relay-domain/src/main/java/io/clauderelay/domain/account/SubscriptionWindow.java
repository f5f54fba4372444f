package io.clauderelay.domain.account;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One usage window a Claude subscription reports on its answers ({@code anthropic-ratelimit-unified-
 * <name>-status}, {@code -utilization}, {@code -reset}): the 5-hour session ({@code 5h}), the week
 * ({@code 7d}) and the week of one model family ({@code 7d_opus}, {@code 7d_sonnet}). The window
 * ends at its reset and starts its length before; utilization is the fraction used (0 to 1 and up).
 *
 * @param status {@code allowed}, {@code allowed_warning} or {@code rejected}; null when not sent
 * @param utilization null when not sent
 */
public record SubscriptionWindow(String name, String status, BigDecimal utilization, Instant start, Instant reset) {
  private static final String PREFIX = "anthropic-ratelimit-unified-";
  /** A window's name is its length (hours or days) and optionally a model family: 5h, 7d, 7d_opus. */
  private static final Pattern NAME = Pattern.compile("(\\d{1,3})([hd])(_[a-z0-9]+)?");

  public SubscriptionWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(start, "start");
  }

  /** Percent used, rounded down (shown to the operator); -1 when not sent. */
  public int percent() {
    return utilization == null ? -1 : utilization.movePointRight(2).intValue();
  }

  /**
   * Every window the headers report with a reset time, by name. A window without a parsable reset
   * cannot be placed in time and is left out; so is anything after the prefix that is not a window
   * name (the overall {@code -status}, {@code -representative-claim}, {@code -overage-*}).
   */
  public static List<SubscriptionWindow> parse(Map<String, String> lowerCaseHeaders) {
    Map<String, String[]> parts = new TreeMap<>();
    for (Map.Entry<String, String> h : lowerCaseHeaders.entrySet()) {
      String header = h.getKey().toLowerCase(Locale.ROOT);
      if (!header.startsWith(PREFIX)) continue;
      String rest = header.substring(PREFIX.length());
      int dash = rest.lastIndexOf('-');
      if (dash <= 0) continue;
      String name = rest.substring(0, dash);
      int field = switch (rest.substring(dash + 1)) {
        case "status" -> 0;
        case "utilization" -> 1;
        case "reset" -> 2;
        default -> -1;
      };
      if (field < 0 || !NAME.matcher(name).matches() || h.getValue() == null) continue;
      parts.computeIfAbsent(name, n -> new String[3])[field] = h.getValue().trim();
    }
    List<SubscriptionWindow> out = new ArrayList<>();
    parts.forEach((name, p) -> {
      if (p[2] == null || !p[2].matches("\\d{1,12}")) return;
      Instant reset = Instant.ofEpochSecond(Long.parseLong(p[2]));
      BigDecimal utilization = null;
      if (p[1] != null && p[1].matches("\\d{1,6}(\\.\\d{1,12})?")) utilization = new BigDecimal(p[1]);
      String status = p[0] == null || p[0].isEmpty() ? null : p[0];
      out.add(new SubscriptionWindow(name, status, utilization, reset.minus(length(name)), reset));
    });
    return List.copyOf(out);
  }

  /**
   * The window that takes the account out of the pool under {@code protections}, if any (the one that
   * resets last when several do): see {@link AccountProtections}.
   */
  public static java.util.Optional<SubscriptionWindow> stopping(List<SubscriptionWindow> windows,
      AccountProtections protections) {
    if (protections == null || !protections.autoStopOnWarning()) return java.util.Optional.empty();
    Integer at = protections.autoStopUtilization();
    return windows.stream()
        .filter(w -> at == null ? w.name().equals("5h") && "allowed_warning".equals(w.status()) : w.percent() >= at)
        .max(java.util.Comparator.comparing(SubscriptionWindow::reset));
  }

  /** The length a window's name says: {@code 5h} five hours, {@code 7d_opus} seven days. */
  static Duration length(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) throw new IllegalArgumentException("not a window name: " + name);
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
  }
}
