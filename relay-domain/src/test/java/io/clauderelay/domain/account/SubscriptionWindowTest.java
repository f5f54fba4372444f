package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionWindowTest {

  static Map<String, String> recordedHeaders() throws IOException {
    try (InputStream in = SubscriptionWindowTest.class.getResourceAsStream("/subscription-window-headers.txt")) {
      Map<String, String> h = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        int colon = line.indexOf(':');
        h.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      return h;
    }
  }

  @Test
  void theFiveHourTheWeeklyAndAFamilysWeekAreReadFromTheRecordedHeaders() throws IOException {
    List<SubscriptionWindow> windows = SubscriptionWindow.parse(recordedHeaders());

    assertThat(windows).extracting(SubscriptionWindow::name).containsExactly("5h", "7d", "7d_sonnet");
    SubscriptionWindow fiveHours = windows.get(0);
    assertThat(fiveHours.status()).isEqualTo("allowed_warning");
    assertThat(fiveHours.utilization()).isEqualByComparingTo("0.86");
    assertThat(fiveHours.percent()).isEqualTo(86);
    assertThat(fiveHours.reset()).isEqualTo(Instant.ofEpochSecond(1772388000));
    assertThat(fiveHours.start()).isEqualTo(fiveHours.reset().minus(Duration.ofHours(5)));
    SubscriptionWindow week = windows.get(1);
    assertThat(week.status()).isEqualTo("allowed");
    assertThat(week.percent()).isEqualTo(41);
    assertThat(week.start()).isEqualTo(Instant.ofEpochSecond(1772820000).minus(Duration.ofDays(7)));
    assertThat(windows.get(2).status()).isNull();
    assertThat(windows.get(2).start()).isEqualTo(week.start());
  }

  @Test
  void aWindowWithoutAReadableResetIsLeftOutAndABadUtilizationIsUnknown() {
    List<SubscriptionWindow> windows = SubscriptionWindow.parse(Map.of(
        "anthropic-ratelimit-unified-5h-status", "rejected",
        "anthropic-ratelimit-unified-5h-utilization", "lots",
        "anthropic-ratelimit-unified-5h-reset", "1772388000",
        "anthropic-ratelimit-unified-7d-status", "allowed",
        "anthropic-ratelimit-unified-7d-reset", "tomorrow"));

    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).utilization()).isNull();
    assertThat(windows.get(0).percent()).isEqualTo(-1);
  }

  @Test
  void anAnswerWithoutWindowHeadersHasNone() {
    assertThat(SubscriptionWindow.parse(Map.of("content-type", "application/json",
        "anthropic-ratelimit-unified-status", "allowed", "anthropic-ratelimit-unified-reset", "1772388000"))).isEmpty();
  }

  @Test
  void autoStopTakesTheFiveHourWarningWithoutAThresholdAndAnyWindowAtTheThresholdWithOne() throws IOException {
    List<SubscriptionWindow> windows = SubscriptionWindow.parse(recordedHeaders());

    assertThat(SubscriptionWindow.stopping(windows, AccountProtections.NONE)).isEmpty();
    assertThat(SubscriptionWindow.stopping(windows, AccountProtections.autoStop(true, null))).get()
        .extracting(SubscriptionWindow::name).isEqualTo("5h");
    assertThat(SubscriptionWindow.stopping(windows, AccountProtections.autoStop(true, 90))).isEmpty();
    // Both the 5-hour (86 %) and the week (41 %) are over 40 %: the account rests until the later reset.
    assertThat(SubscriptionWindow.stopping(windows, AccountProtections.autoStop(true, 40))).get()
        .extracting(SubscriptionWindow::name).isEqualTo("7d");
  }
}
