import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of the streams scenario (issue 14), a separate process so the relay's file
 * descriptors are its own: opens LOAD_STREAMS SSE requests, started evenly over LOAD_RAMP_S
 * seconds, each on its own connection, and holds them all until they end. Run on the relay jar:
 *
 * <pre>java -cp relay-server/target/claude-relay.jar bench/tools/StreamLoad.java</pre>
 *
 * Environment: LOAD_URL, LOAD_KEY (x-api-key), BODY_FILE (a Messages body; "stream":false is
 * turned into true), LOAD_STREAMS (1000), LOAD_RAMP_S (10), LOAD_HEALTH_URL (polled every 500 ms
 * during the run; empty = none), LOAD_TIMEOUT_S (120: idle timeout per stream).
 *
 * <p>Measures per stream: time to first byte (request written → first body byte), and per
 * content_block_delta its delivery latency (read time minus the fake's {@code t_ns} stamp; both
 * processes read CLOCK_MONOTONIC), which is what the hops in between add to the gap between events.
 * A stream counts as completed when it answered 200 and delivered message_stop; anything else is
 * failed, by reason (HTTP status, exception class, or "truncated"). Prints key=value lines.
 */
public final class StreamLoad {
  public static void main(String[] args) throws Exception {
    String url = System.getenv("LOAD_URL");
    String key = env("LOAD_KEY", "bench");
    int n = Integer.parseInt(env("LOAD_STREAMS", "1000"));
    double rampS = Double.parseDouble(env("LOAD_RAMP_S", "10"));
    String healthUrl = env("LOAD_HEALTH_URL", "");
    long timeoutMs = Long.parseLong(env("LOAD_TIMEOUT_S", "120")) * 1000;
    String body = Files.readString(Path.of(System.getenv("BODY_FILE"))).replace("\"stream\":false", "\"stream\":true")
        .replace("\"stream\": false", "\"stream\": true");
    if (!body.contains("\"stream\":true") && !body.contains("\"stream\": true")) {
      body = body.replaceFirst("\\{", "{\"stream\":true,");
    }
    Buffer bodyBuf = Buffer.buffer(body);

    // Two event loops for the streams, one of their own for the health probe, so a busy stream loop
    // does not delay the probe (it measures the relay, not this process).
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
    io.vertx.core.Context[] loops = {vertx.getOrCreateContext(), vertx.getOrCreateContext()};
    io.vertx.core.Context healthLoop = vertx.getOrCreateContext();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setTcpNoDelay(true)
        .setConnectTimeout(30_000), new PoolOptions().setHttp1MaxSize(n + 16).setMaxWaitQueueSize(-1));
    long[] ttfb = new long[n];
    Arrays.fill(ttfb, -1);
    long[] events = new long[n * 8];
    AtomicInteger eventCount = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger healthOk = new AtomicInteger();
    Map<String, AtomicInteger> healthBad = new ConcurrentHashMap<>();
    AtomicLong healthMaxMs = new AtomicLong();

    long periodicHealth = -1;
    if (!healthUrl.isEmpty()) {
      HttpClient hc = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(2));
      long[] timerId = new long[1];
      CountDownLatch started = new CountDownLatch(1);
      healthLoop.runOnContext(x -> { timerId[0] = vertx.setPeriodic(500, id -> {
        long t0 = System.nanoTime();
        hc.request(new RequestOptions().setAbsoluteURI(healthUrl).setTimeout(5_000))
            .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
            .onSuccess(code -> {
              healthMaxMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
              if (code == 200) healthOk.incrementAndGet();
              else healthBad.computeIfAbsent("http " + code, k -> new AtomicInteger()).incrementAndGet();
            })
            .onFailure(e -> healthBad.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet());
      }); started.countDown(); });
      started.await();
      periodicHealth = timerId[0];
    }

    long startNs = System.nanoTime();
    long stepNs = n <= 1 ? 0 : (long) (rampS * 1e9 / n);
    for (int i = 0; i < n; i++) {
      final int idx = i;
      long due = startNs + i * stepNs;
      long delayMs = Math.max(1, (due - System.nanoTime()) / 1_000_000);
      loops[i % 2].runOnContext(x -> vertx.setTimer(delayMs, t -> {
        StringBuilder pending = new StringBuilder();
        boolean[] sawStop = {false};
        long sent = System.nanoTime();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setIdleTimeout(timeoutMs)
                .putHeader("content-type", "application/json").putHeader("x-api-key", key)
                .putHeader("anthropic-version", "2023-06-01"))
            .compose(req -> req.send(bodyBuf))
            .onSuccess(resp -> {
              if (resp.statusCode() != 200) {
                resp.body().onComplete(ar -> {
                  failed.computeIfAbsent("http " + resp.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                  done.countDown();
                });
                return;
              }
              resp.handler(buf -> {
                long now = System.nanoTime();
                if (ttfb[idx] < 0) ttfb[idx] = now - sent;
                pending.append(buf.toString());
                int end;
                while ((end = pending.indexOf("\n\n")) >= 0) {
                  String ev = pending.substring(0, end);
                  pending.delete(0, end + 2);
                  int at = ev.indexOf("\"t_ns\":");
                  if (at >= 0) {
                    int s = at + 7, e = s;
                    while (e < ev.length() && Character.isDigit(ev.charAt(e))) e++;
                    long lat = now - Long.parseLong(ev.substring(s, e));
                    int slot = eventCount.getAndIncrement();
                    if (slot < events.length) events[slot] = lat;
                  }
                  if (ev.contains("message_stop")) sawStop[0] = true;
                }
              });
              resp.exceptionHandler(e -> {});
              resp.end().onComplete(ar -> {
                if (ar.succeeded() && sawStop[0]) completed.incrementAndGet();
                else failed.computeIfAbsent(ar.failed() ? ar.cause().getClass().getSimpleName() : "truncated",
                    k -> new AtomicInteger()).incrementAndGet();
                done.countDown();
              });
            })
            .onFailure(e -> {
              failed.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
              done.countDown();
            });
      }));
    }
    done.await();
    long wallMs = (System.nanoTime() - startNs) / 1_000_000;
    if (periodicHealth >= 0) vertx.cancelTimer(periodicHealth);

    long[] t = Arrays.stream(ttfb).filter(v -> v >= 0).sorted().toArray();
    long[] ev = Arrays.copyOf(events, Math.min(eventCount.get(), events.length));
    Arrays.sort(ev);
    System.out.println("streams=" + n);
    System.out.println("completed=" + completed.get());
    System.out.println("failed=" + failed.values().stream().mapToInt(AtomicInteger::get).sum());
    Map<String, Integer> reasons = new TreeMap<>();
    failed.forEach((k, v) -> reasons.put(k, v.get()));
    System.out.println("failed_by_reason=" + (reasons.isEmpty() ? "none" : reasons.toString().replace(" ", "_")));
    System.out.println("wall_ms=" + wallMs);
    System.out.printf("ttfb_p50_ms=%.3f%n", pct(t, 50));
    System.out.printf("ttfb_p99_ms=%.3f%n", pct(t, 99));
    System.out.printf("ttfb_max_ms=%.3f%n", t.length == 0 ? Double.NaN : t[t.length - 1] / 1e6);
    System.out.println("events=" + ev.length);
    System.out.printf("event_p50_ms=%.3f%n", pct(ev, 50));
    System.out.printf("event_p99_ms=%.3f%n", pct(ev, 99));
    System.out.printf("event_max_ms=%.3f%n", ev.length == 0 ? Double.NaN : ev[ev.length - 1] / 1e6);
    Map<String, Integer> hb = new TreeMap<>();
    healthBad.forEach((k, v) -> hb.put(k, v.get()));
    System.out.println("health_ok=" + healthOk.get());
    System.out.println("health_bad=" + (hb.isEmpty() ? "none" : hb.toString().replace(" ", "_")));
    System.out.println("health_max_ms=" + healthMaxMs.get());
    vertx.close();
    System.exit(0);
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  static String env(String name, String def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : v;
  }
}
