import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A deliberately minimal, fast fake Anthropic upstream for the benchmark (not the test fake: no
 * recording, no scripting). Launched as a single-file program on the relay's shaded jar:
 *
 * <pre>java -cp relay-server/target/claude-relay.jar bench/fake/FakeUpstream.java</pre>
 *
 * Environment: FAKE_PORT (required), FAKE_HOST (127.0.0.1), FAKE_THREADS (event loops, 1),
 * FAKE_EVENTS (content_block_delta events per stream, 20), FAKE_GAP_MS (pause between stream
 * events, 0 = all at once).
 *
 * <p>{@code POST /v1/messages}: a fixed Anthropic message as JSON, or, when the body asks for
 * {@code "stream":true}, an SSE stream of message_start, one text block of FAKE_EVENTS deltas,
 * message_delta and message_stop. Every content_block_delta carries {@code "t_ns"}, the
 * System.nanoTime() (CLOCK_MONOTONIC, shared by every process on the machine) at which it was
 * written, so a client can measure each event's delivery latency directly.
 */
public final class FakeUpstream {
  static final String MODEL = "claude-sonnet-4-20250514";
  static final Buffer JSON_BODY = Buffer.buffer("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
      + MODEL + "\",\"content\":[{\"type\":\"text\",\"text\":\"Hello from the benchmark upstream. This answer is about as long as"
      + " a short real reply, so the relay has a realistic body to carry.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
      + "\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":32}}");
  static final Buffer START = Buffer.buffer("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
      + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":[],\"stop_reason\":null,"
      + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
      + "\"output_tokens\":1}}}\n\n"
      + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
  static final Buffer END_TEMPLATE_HEAD = Buffer.buffer("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
      + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
      + "\"usage\":{\"output_tokens\":");
  static final Buffer END_TAIL = Buffer.buffer("}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

  public static void main(String[] args) {
    int port = Integer.parseInt(env("FAKE_PORT", "0"));
    String host = env("FAKE_HOST", "127.0.0.1");
    int threads = Integer.parseInt(env("FAKE_THREADS", "1"));
    int events = Integer.parseInt(env("FAKE_EVENTS", "20"));
    long gapMs = Long.parseLong(env("FAKE_GAP_MS", "0"));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
    for (int i = 0; i < threads; i++) {
      vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
          .requestHandler(req -> handle(vertx, req, events, gapMs))
          .listen()
          .onSuccess(s -> System.out.println("fake upstream listening on " + host + ":" + s.actualPort()))
          .onFailure(e -> { e.printStackTrace(); System.exit(1); });
    }
  }

  static void handle(Vertx vertx, HttpServerRequest req, int events, long gapMs) {
    if (!req.path().startsWith("/v1/messages")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body().onSuccess(body -> {
      HttpServerResponse resp = req.response();
      if (!isStream(body)) {
        resp.putHeader("content-type", "application/json").end(JSON_BODY);
        return;
      }
      resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
      resp.write(START);
      if (gapMs <= 0) {
        for (int i = 0; i < events; i++) resp.write(delta(i));
        resp.end(end(events));
      } else {
        streamWithGaps(vertx, resp, 0, events, gapMs);
      }
    });
  }

  static void streamWithGaps(Vertx vertx, HttpServerResponse resp, int i, int events, long gapMs) {
    vertx.setTimer(gapMs, t -> {
      if (resp.closed()) return;
      if (i < events) {
        resp.write(delta(i));
        streamWithGaps(vertx, resp, i + 1, events, gapMs);
      } else {
        resp.end(end(events));
      }
    });
  }

  static Buffer delta(int i) {
    return Buffer.buffer("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
        + "\"text_delta\",\"text\":\"token " + i + " \"},\"t_ns\":" + System.nanoTime() + "}\n\n");
  }

  static Buffer end(int events) {
    return Buffer.buffer().appendBuffer(END_TEMPLATE_HEAD).appendString(Integer.toString(events + 1)).appendBuffer(END_TAIL);
  }

  /** Cheap check for "stream":true (allowing a space after the colon), no JSON parse. */
  static boolean isStream(Buffer body) {
    String s = body.toString();
    int at = s.indexOf("\"stream\"");
    if (at < 0) return false;
    int i = at + 8;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ':')) i++;
    return s.startsWith("true", i);
  }

  static String env(String name, String def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : v;
  }
}
