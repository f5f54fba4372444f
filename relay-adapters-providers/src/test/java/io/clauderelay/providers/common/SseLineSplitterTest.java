package io.clauderelay.providers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseLineSplitterTest {

  @Test
  void chunksSplitMidLineAndMidCharacterYieldTheOriginalLines() {
    byte[] all = "event: a\ndata: {\"t\":\"héllo ✓\"}\r\n\ndata: end\n".getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < all.length; cut++) {
      List<String> lines = new ArrayList<>();
      SseLineSplitter s = new SseLineSplitter(lines::add);
      s.feed(Arrays.copyOfRange(all, 0, cut));
      s.feed(Arrays.copyOfRange(all, cut, all.length));
      assertThat(lines).as("cut at %d", cut).containsExactly("event: a", "data: {\"t\":\"héllo ✓\"}", "", "data: end");
    }
  }

  @Test
  void oneByteAtATimeStillDecodesMultiByteCharacters() {
    byte[] all = "data: 日本語\n".getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    SseLineSplitter s = new SseLineSplitter(lines::add);
    for (byte b : all) s.feed(new byte[]{b});
    assertThat(lines).containsExactly("data: 日本語");
  }

  @Test
  void finishEmitsATrailingLineWithoutNewline() {
    List<String> lines = new ArrayList<>();
    SseLineSplitter s = new SseLineSplitter(lines::add);
    s.feed("data: x".getBytes(StandardCharsets.UTF_8));
    assertThat(lines).isEmpty();
    s.finish();
    assertThat(lines).containsExactly("data: x");
  }
}
