package io.clauderelay.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UsageChunkFilterTest {
  private static final String USAGE_EVENT = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n";
  private static final String BEFORE = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"héllo ✓\"},\"finish_reason\":null}],\"usage\":null}\n\n"
      + ": comment\n\n"
      + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\r\n\r\n";
  private static final String AFTER = "data: [DONE]\n\n";

  private static String run(String stream, int cut1, int cut2) {
    byte[] all = stream.getBytes(StandardCharsets.UTF_8);
    UsageChunkFilter f = new UsageChunkFilter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(f.feed(Arrays.copyOfRange(all, 0, cut1)));
    out.writeBytes(f.feed(Arrays.copyOfRange(all, cut1, cut2)));
    out.writeBytes(f.feed(Arrays.copyOfRange(all, cut2, all.length)));
    out.writeBytes(f.finish());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theUsageOnlyChunkIsRemovedAndEverythingElseIsByteIdenticalForAnySplit() {
    String stream = BEFORE + USAGE_EVENT + AFTER;
    int n = stream.getBytes(StandardCharsets.UTF_8).length;
    for (int cut1 = 0; cut1 <= n; cut1 += 3) {
      for (int cut2 = cut1; cut2 <= n; cut2 += 17) {
        assertThat(run(stream, cut1, cut2)).as("cuts %d/%d", cut1, cut2).isEqualTo(BEFORE + AFTER);
      }
    }
  }

  @Test
  void aStreamWithoutUsageChunkPassesUnchanged() {
    String stream = BEFORE + AFTER;
    assertThat(run(stream, 10, 50)).isEqualTo(stream);
  }

  @Test
  void aChunkWithChoicesAndUsageIsKept() {
    String stream = "data: {\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":{\"prompt_tokens\":1}}\n\n";
    assertThat(run(stream, 5, 9)).isEqualTo(stream);
  }

  @Test
  void completeEventsAreReleasedWithoutWaitingForMoreInput() {
    UsageChunkFilter f = new UsageChunkFilter();
    byte[] first = BEFORE.getBytes(StandardCharsets.UTF_8);
    assertThat(new String(f.feed(first), StandardCharsets.UTF_8)).isEqualTo(BEFORE);
    assertThat(f.feed("data: {\"choi".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aUsageChunkCutOffAtTheEndIsStillRemovedButOtherTailsAreFlushed() {
    assertThat(run(BEFORE + USAGE_EVENT.trim(), 4, 8)).isEqualTo(BEFORE);
    assertThat(run(BEFORE + "data: partial", 4, 8)).isEqualTo(BEFORE + "data: partial");
  }
}
