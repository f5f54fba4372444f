package io.clauderelay.server.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.server.fake.AnthropicWire.SseEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake upstream's own contract: wire shapes, SSE framing, scripting, recording, counters. */
class FakeAnthropicServerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MODEL = "claude-haiku-4-5-20251001";
  private static final List<String> FULL_SEQUENCE = List.of(
      "message_start", "content_block_start", "ping",
      "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
      "content_block_stop", "message_delta", "message_stop");

  private Vertx vertx;
  private Context context;
  private HttpClient client;
  private FakeAnthropicServer fake;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    client = vertx.createHttpClient();
    fake = FakeAnthropicServer.start(vertx).await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private FakeClientCall messages(String key, boolean stream) {
    return FakeClientCall.postJson(context, client, fake.port(), "/v1/messages", key, request(stream));
  }

  private static JsonObject request(boolean stream) {
    return new JsonObject()
        .put("model", MODEL)
        .put("max_tokens", 64)
        .put("stream", stream)
        .put("messages", List.of(Map.of("role", "user", "content", "hi")));
  }

  @Test
  void jsonAnswerHasTheMessagesApiShapeAndEchoesTheModel() {
    FakeClientCall call = messages("sk-ant-a", false);

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(200);
    assertThat(call.headers.get("content-type")).isEqualTo("application/json");
    assertThat(call.headers.get("request-id")).startsWith("req_");
    JsonObject msg = call.json();
    assertThat(msg.getString("id")).startsWith("msg_");
    assertThat(msg.getString("type")).isEqualTo("message");
    assertThat(msg.getString("role")).isEqualTo("assistant");
    assertThat(msg.getString("model")).isEqualTo(MODEL);
    assertThat(msg.getJsonArray("content").getJsonObject(0).getString("type")).isEqualTo("text");
    assertThat(msg.getJsonArray("content").getJsonObject(0).getString("text"))
        .isEqualTo(String.join("", Behaviour.DEFAULT_TEXT));
    assertThat(msg.getString("stop_reason")).isEqualTo("end_turn");
    assertThat(msg.containsKey("stop_sequence")).isTrue();
    assertThat(msg.getValue("stop_sequence")).isNull();
    JsonObject usage = msg.getJsonObject("usage");
    FakeUsage u = FakeUsage.DEFAULT;
    assertThat(usage.getInteger("input_tokens")).isEqualTo(u.input());
    assertThat(usage.getInteger("output_tokens")).isEqualTo(u.output());
    assertThat(usage.getInteger("cache_read_input_tokens")).isEqualTo(u.cacheRead());
    assertThat(usage.getInteger("cache_creation_input_tokens")).isEqualTo(u.cacheWrite5m() + u.cacheWrite1h());
    assertThat(usage.getJsonObject("cache_creation").getInteger("ephemeral_5m_input_tokens"))
        .isEqualTo(u.cacheWrite5m());
    assertThat(usage.getJsonObject("cache_creation").getInteger("ephemeral_1h_input_tokens"))
        .isEqualTo(u.cacheWrite1h());
  }

  @Test
  void streamSendsTheRealEventSequenceWithUsageInMessageStartAndMessageDelta() {
    FakeClientCall call = messages("sk-ant-a", true);

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(200);
    assertThat(call.headers.get("content-type")).startsWith("text/event-stream");
    assertThat(call.body()).startsWith("event: message_start\ndata: {").endsWith("\n\n");
    List<SseEvent> events = SseFrames.parse(call.body());
    assertThat(SseFrames.types(events)).isEqualTo(FULL_SEQUENCE);
    events.forEach(e -> assertThat(e.data().getString("type")).isEqualTo(e.type()));

    JsonObject start = events.get(0).data().getJsonObject("message");
    assertThat(start.getString("model")).isEqualTo(MODEL);
    assertThat(start.getJsonArray("content")).isEmpty();
    assertThat(start.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(1);
    assertThat(start.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(FakeUsage.DEFAULT.input());
    assertThat(start.getJsonObject("usage").getJsonObject("cache_creation").getInteger("ephemeral_1h_input_tokens"))
        .isEqualTo(FakeUsage.DEFAULT.cacheWrite1h());

    String text = events.stream().filter(e -> e.type().equals("content_block_delta"))
        .map(e -> e.data().getJsonObject("delta").getString("text")).reduce("", String::concat);
    assertThat(text).isEqualTo(String.join("", Behaviour.DEFAULT_TEXT));

    JsonObject delta = events.get(8).data();
    assertThat(delta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
    assertThat(delta.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(FakeUsage.DEFAULT.output());
    assertThat(fake.streamsCompleted()).isEqualTo(1);
  }

  @Test
  void usageNumbersComeFromTheBehaviour() {
    fake.respondByDefault(Behaviour.ok().withUsage(11, 22, 33, 44, 55).withText("a", "b"));

    FakeClientCall json = messages("k", false);
    FakeClientCall sse = messages("k", true);

    assertThat(json.awaitEnd()).isTrue();
    assertThat(json.json().getJsonObject("usage").getMap())
        .containsEntry("input_tokens", 11).containsEntry("output_tokens", 22)
        .containsEntry("cache_creation_input_tokens", 77).containsEntry("cache_read_input_tokens", 55);
    assertThat(sse.awaitEnd()).isTrue();
    List<SseEvent> events = SseFrames.parse(sse.body());
    assertThat(events).hasSize(8);
    assertThat(
        events.get(0).data().getJsonObject("message").getJsonObject("usage").getJsonObject("cache_creation").getMap())
        .containsEntry("ephemeral_5m_input_tokens", 33).containsEntry("ephemeral_1h_input_tokens", 44);
    assertThat(events.get(6).data().getJsonObject("usage").getInteger("output_tokens")).isEqualTo(22);
  }

  @Test
  void eachEventIsWrittenAsItsOwnChunk() {
    FakeClientCall call = messages("k", true);

    assertThat(call.awaitEnd()).isTrue();
    // Chunks may be split further on the way, but never merged: so at least one per event,
    // and the first one holds message_start alone.
    assertThat(call.chunks.size()).isGreaterThanOrEqualTo(FULL_SEQUENCE.size());
    assertThat(call.chunks.get(0).toString(StandardCharsets.UTF_8))
        .startsWith("event: message_start").doesNotContain("content_block_start");
  }

  @Test
  void eventsAreFlushedBeforeTheStreamEnds() throws InterruptedException {
    // The stream stalls after 3 events: if the fake buffered until the end, none would arrive.
    fake.respondByDefault(Behaviour.ok().stallAfter(3));

    FakeClientCall call = messages("k", true);

    assertThat(call.awaitEvents(3, WAIT)).isTrue();
    assertThat(SseFrames.types(SseFrames.parse(call.body())))
        .containsExactly("message_start", "content_block_start", "ping");
    assertThat(fake.streamsCompleted()).isZero();
  }

  @Test
  void splitEventsCutEveryEventInTwoAndOneCutFallsInsideAUtf8Character() {
    fake.respondByDefault(Behaviour.ok().splitEvents());

    FakeClientCall call = messages("k", true);

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.chunks.size()).isGreaterThanOrEqualTo(2 * FULL_SEQUENCE.size());
    assertThat(call.chunks).anySatisfy(chunk -> assertThat(endsInsideUtf8Character(chunk.getBytes())).isTrue());
    assertThat(call.chunks).as("no chunk is a whole event").noneSatisfy(
        chunk -> assertThat(chunk.toString(StandardCharsets.UTF_8)).startsWith("event: ").endsWith("\n\n"));
    assertThat(SseFrames.types(SseFrames.parse(call.body()))).isEqualTo(FULL_SEQUENCE);
  }

  @Test
  void splitPointFallsBetweenALeadByteAndItsContinuationOrMidLine() {
    byte[] withUmlaut = "event: x\ndata: {\"t\":\"aü\"}\n\n".getBytes(StandardCharsets.UTF_8);
    int at = FakeExchange.splitPoint(withUmlaut);
    assertThat(endsInsideUtf8Character(java.util.Arrays.copyOfRange(withUmlaut, 0, at))).isTrue();

    byte[] ascii = "event: ping\ndata: {\"type\":\"ping\"}\n\n".getBytes(StandardCharsets.US_ASCII);
    int mid = FakeExchange.splitPoint(ascii);
    String first = new String(ascii, 0, mid, StandardCharsets.US_ASCII);
    assertThat(first).startsWith("event: ping\ndata: {").doesNotEndWith("\n");
  }

  private static boolean endsInsideUtf8Character(byte[] bytes) {
    // Walk back over continuation bytes to the lead byte; incomplete if fewer bytes follow it than it announces.
    int i = bytes.length - 1;
    int continuation = 0;
    while (i >= 0 && (bytes[i] & 0xC0) == 0x80) {
      i--;
      continuation++;
    }
    if (i < 0) {
      return false;
    }
    int lead = bytes[i] & 0xFF;
    int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    return continuation < needed;
  }

  @Test
  void countTokensAnswersTheBehavioursInputTokens() {
    fake.when("k").respond(Behaviour.ok().withUsage(1234, 1, 0, 0, 0));

    FakeClientCall call = FakeClientCall.postJson(context, client, fake.port(), "/v1/messages/count_tokens", "k",
        new JsonObject().put("model", MODEL).put("messages", List.of()));

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(200);
    assertThat(call.json()).isEqualTo(new JsonObject().put("input_tokens", 1234));
  }

  @ParameterizedTest
  @CsvSource({
      "400, invalid_request_error",
      "401, authentication_error",
      "403, permission_error",
      "429, rate_limit_error",
      "500, api_error",
      "503, api_error",
      "529, overloaded_error"})
  void errorAnswersUseTheAnthropicErrorShape(int status, String type) {
    fake.respondByDefault(Behaviour.status(status));

    FakeClientCall call = messages("k", true);

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(status);
    assertThat(call.headers.get("content-type")).isEqualTo("application/json");
    JsonObject body = call.json();
    assertThat(body.getString("type")).isEqualTo("error");
    assertThat(body.getJsonObject("error").getString("type")).isEqualTo(type);
    assertThat(body.getJsonObject("error").getString("message")).isNotBlank();
    assertThat(body.getString("request_id")).isEqualTo(call.headers.get("request-id"));
  }

  @Test
  void rateLimitCarriesRetryAfterAndAUnifiedResetInUnixSeconds() {
    fake.respondByDefault(Behaviour.rateLimited(120));
    long before = System.currentTimeMillis() / 1000;

    FakeClientCall call = messages("k", false);

    assertThat(call.awaitEnd()).isTrue();
    long after = System.currentTimeMillis() / 1000;
    assertThat(call.status).isEqualTo(429);
    assertThat(call.headers.get("retry-after")).isEqualTo("120");
    assertThat(Long.parseLong(call.headers.get("anthropic-ratelimit-unified-reset"))).isBetween(before + 120,
        after + 120);
  }

  @Test
  void customErrorTypeMessageAndHeadersAreSent() {
    fake.respondByDefault(Behaviour.error(403, "permission_error", "OAuth token revoked")
        .withHeader("x-extra", "1"));

    FakeClientCall call = messages("k", false);

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.json().getJsonObject("error").getString("message")).isEqualTo("OAuth token revoked");
    assertThat(call.headers.get("x-extra")).isEqualTo("1");
  }

  @Test
  void cutStreamStopsAfterKEventsWithoutMessageStopAndIsNotCountedAsAPeerCancel() {
    fake.respondByDefault(Behaviour.ok().cutAfter(4));

    FakeClientCall call = messages("k", true);

    assertThat(call.awaitEnd()).as("the response must not end normally").isFalse();
    assertThat(SseFrames.types(SseFrames.parse(call.body())))
        .containsExactly("message_start", "content_block_start", "ping", "content_block_delta");
    assertThat(fake.cancelledStreams()).isZero();
    assertThat(fake.streamsCompleted()).isZero();
  }

  @Test
  void cutJsonRequestGetsNoAnswerAtAll() {
    fake.respondByDefault(Behaviour.ok().cutAfter(0));

    FakeClientCall call = messages("k", false);

    assertThat(call.awaitEnd()).isFalse();
    assertThat(call.status).isZero();
  }

  @Test
  void errorEventArrivesInsideA200StreamAndEndsIt() {
    fake.respondByDefault(Behaviour.streamError(3));

    FakeClientCall call = messages("k", true);

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(200);
    List<SseEvent> events = SseFrames.parse(call.body());
    assertThat(SseFrames.types(events)).containsExactly("message_start", "content_block_start", "ping", "error");
    assertThat(events.get(3).data().getString("type")).isEqualTo("error");
    assertThat(events.get(3).data().getJsonObject("error").getString("type")).isEqualTo("overloaded_error");
  }

  @Test
  void peerClosingAStreamIsCountedAsACancelledStream() throws InterruptedException {
    fake.respondByDefault(Behaviour.ok().stallAfter(2));

    FakeClientCall call = messages("k", true);
    assertThat(call.awaitEvents(2, WAIT)).isTrue();
    call.connection.close();

    assertThat(fake.awaitCancelledStreams(1, WAIT)).isTrue();
    assertThat(fake.cancelledRequests()).isEqualTo(1);
    assertThat(fake.streamsStarted()).isEqualTo(1);
    assertThat(fake.streamsCompleted()).isZero();
  }

  @Test
  void hangNeverAnswersAndCountsThePeerGivingUp() {
    fake.respondByDefault(Behaviour.hang());

    FakeClientCall call = messages("k", true);
    assertThat(fake.awaitRequests(1, WAIT)).isTrue();
    assertThat(call.status).isZero();
    call.connection.close();

    assertThat(fake.awaitCancelledRequests(1, WAIT)).isTrue();
    assertThat(fake.cancelledStreams()).as("no stream had started").isZero();
    assertThat(call.awaitEnd()).isFalse();
  }

  @Test
  void onlyUnfinishedStreamsCountAsCancelledWhenTheirConnectionCloses() throws InterruptedException {
    FakeClientCall finished = messages("finished", true);
    assertThat(finished.awaitEnd()).isTrue();
    finished.connection.close().await();
    // Positive control after the first close: the fake does count a stream closed mid-way, and
    // exactly one, so the earlier close of a finished stream was not counted.
    fake.when("open").respond(Behaviour.ok().stallAfter(1));
    FakeClientCall open = messages("open", true);
    assertThat(open.awaitEvents(1, WAIT)).isTrue();
    open.connection.close();

    assertThat(fake.awaitCancelledStreams(1, WAIT)).isTrue();
    assertThat(fake.cancelledStreams()).isEqualTo(1);
    assertThat(fake.streamsCompleted()).isEqualTo(1);
  }

  @Test
  void everyRequestIsRecordedWithMethodPathQueryHeadersAndBody() {
    byte[] body = request(false).put("note", "ünïcode").toBuffer().getBytes();

    FakeClientCall call = FakeClientCall.post(context, client, fake.port(), "/v1/messages?beta=true",
        Map.of("x-api-key", "sk-ant-rec", "Anthropic-Version", "2023-06-01",
            "Anthropic-Beta", "a,b", "content-type", "application/json"),
        Buffer.buffer(body));

    assertThat(call.awaitEnd()).isTrue();
    assertThat(fake.requestCount()).isEqualTo(1);
    RecordedRequest r = fake.lastRequest();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/messages");
    assertThat(r.query()).isEqualTo("beta=true");
    assertThat(r.header("ANTHROPIC-VERSION")).isEqualTo("2023-06-01");
    assertThat(r.headers()).containsKey("anthropic-beta");
    assertThat(r.hasHeader("authorization")).isFalse();
    assertThat(r.credential()).isEqualTo("sk-ant-rec");
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.bodyAsJson().getString("note")).isEqualTo("ünïcode");
  }

  @Test
  void behavioursAreChosenPerCredentialWithBearerTokensToo() {
    fake.when("sk-ant-a").respond(Behaviour.status(529));

    FakeClientCall a = messages("sk-ant-a", false);
    FakeClientCall b = messages("sk-ant-b", false);
    FakeClientCall bearerA = FakeClientCall.post(context, client, fake.port(), "/v1/messages",
        Map.of("authorization", "Bearer sk-ant-a"), request(false).toBuffer());

    assertThat(a.awaitEnd() && b.awaitEnd() && bearerA.awaitEnd()).isTrue();
    assertThat(a.status).isEqualTo(529);
    assertThat(b.status).isEqualTo(200);
    assertThat(bearerA.status).isEqualTo(529);
  }

  @Test
  void enqueuedBehavioursAreUsedOnceInOrderThenTheScriptedOnesApply() {
    fake.when("k").respond(Behaviour.status(403));
    fake.enqueue(Behaviour.status(500), Behaviour.ok());
    fake.when("k").enqueue(Behaviour.status(529));

    int[] statuses = new int[4];
    for (int i = 0; i < statuses.length; i++) {
      FakeClientCall call = messages("k", false);
      assertThat(call.awaitEnd()).isTrue();
      statuses[i] = call.status;
    }

    // per-key queue first, then the global queue, then the per-key behaviour
    assertThat(statuses).containsExactly(529, 500, 200, 403);
  }

  @Test
  void missingCredentialAndTheBadKeyAreRejectedWith401EvenAfterReset() {
    fake.respondByDefault(Behaviour.status(500));
    fake.reset();

    FakeClientCall none = messages(null, false);
    FakeClientCall bad = messages(FakeAnthropicServer.BAD_KEY, false);
    FakeClientCall good = messages("k", false);

    assertThat(none.awaitEnd() && bad.awaitEnd() && good.awaitEnd()).isTrue();
    assertThat(none.status).isEqualTo(401);
    assertThat(none.json().getJsonObject("error").getString("type")).isEqualTo("authentication_error");
    assertThat(bad.status).isEqualTo(401);
    assertThat(bad.json().getJsonObject("error").getString("type")).isEqualTo("authentication_error");
    assertThat(good.status).as("reset restores the OK default").isEqualTo(200);
  }

  @Test
  void resetForgetsRecordingsCountersAndQueues() {
    fake.enqueue(Behaviour.status(500));
    fake.when("k").respond(Behaviour.status(403));
    assertThat(messages("x", false).awaitEnd()).isTrue();

    fake.reset();

    assertThat(fake.requests()).isEmpty();
    assertThat(fake.requestCount()).isZero();
    FakeClientCall call = messages("k", false);
    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(200);
  }

  @Test
  void malformedJsonAndUnknownPathsGetAnthropicErrors() {
    FakeClientCall badJson = FakeClientCall.post(context, client, fake.port(), "/v1/messages",
        Map.of("x-api-key", "k"), Buffer.buffer("{not json"));
    FakeClientCall noModel = FakeClientCall.postJson(context, client, fake.port(), "/v1/messages", "k",
        new JsonObject());
    FakeClientCall unknown = FakeClientCall.postJson(context, client, fake.port(), "/v1/complete", "k", request(false));

    assertThat(badJson.awaitEnd() && noModel.awaitEnd() && unknown.awaitEnd()).isTrue();
    assertThat(badJson.status).isEqualTo(400);
    assertThat(noModel.status).isEqualTo(400);
    assertThat(noModel.json().getJsonObject("error").getString("message")).contains("model");
    assertThat(unknown.status).isEqualTo(404);
    assertThat(unknown.json().getJsonObject("error").getString("type")).isEqualTo("not_found_error");
    assertThat(fake.requests()).hasSize(3);
  }

  @Test
  void standaloneMainPrintsThePortAndServes() throws Exception {
    // Surefire's class path (a manifest-only jar by default) works for a child JVM too.
    Process process = new ProcessBuilder(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FakeAnthropicServer.class.getName(), "0")
        .redirectErrorStream(true).start();
    try (var out = new java.io.BufferedReader(
        new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String portLine = out.lines().filter(l -> l.startsWith("FAKE_PORT=")).findFirst().orElseThrow();
      int port = Integer.parseInt(portLine.substring("FAKE_PORT=".length()));

      FakeClientCall call = FakeClientCall.postJson(context, client, port, "/v1/messages", "k", request(false));
      assertThat(call.awaitEnd()).isTrue();
      assertThat(call.status).isEqualTo(200);
    } finally {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void pathsAreMatchedBySuffixSoABaseUrlWithAPrefixWorks() {
    FakeClientCall call = FakeClientCall.postJson(context, client, fake.port(), "/prefix/v1/messages", "k",
        request(false));

    assertThat(call.awaitEnd()).isTrue();
    assertThat(call.status).isEqualTo(200);
  }
}
