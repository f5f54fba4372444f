package io.clauderelay.providers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

  private static List<String> parse(String stream, int cut) {
    List<String> out = new ArrayList<>();
    SseEventParser p = new SseEventParser((event, data) -> out.add(event + "|" + data));
    byte[] all = stream.getBytes(StandardCharsets.UTF_8);
    p.feed(Arrays.copyOfRange(all, 0, cut));
    p.feed(Arrays.copyOfRange(all, cut, all.length));
    p.finish();
    return out;
  }

  @Test
  void eventsEndAtBlankLinesWhereverTheChunksAreCut() {
    String stream = "event: a\ndata: {\"x\":\"é\"}\n\n: keep-alive\n\ndata: one\r\ndata: two\r\n\r\ndata:[DONE]\n\n";
    byte[] all = stream.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= all.length; cut++) {
      assertThat(parse(stream, cut)).as("cut at %d", cut)
          .containsExactly("a|{\"x\":\"é\"}", "null|one\ntwo", "null|[DONE]");
    }
  }

  @Test
  void aLastEventWithoutBlankLineIsDeliveredOnFinish() {
    assertThat(parse("data: tail", 3)).containsExactly("null|tail");
  }

  @Test
  void theEventNameDoesNotLeakIntoTheNextEvent() {
    assertThat(parse("event: ping\n\ndata: x\n\n", 0)).containsExactly("null|x");
  }
}
