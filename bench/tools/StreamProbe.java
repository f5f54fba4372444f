import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sequential (concurrency 1) client that timestamps what wrk cannot: for SSE answers, the time to
 * first byte and the delivery latency of every event (receive time minus the {@code t_ns} the fake
 * upstream stamped when it wrote the event; both are System.nanoTime(), CLOCK_MONOTONIC, shared by
 * all processes of the machine). Also used in JSON mode to send an exact number of requests (Redis
 * round-trip counting). Launched as a single-file program on the relay's shaded jar:
 *
 * <pre>java -cp relay-server/target/claude-relay.jar bench/tools/StreamProbe.java URL KEY MODE COUNT WARMUP [RAW_OUT]</pre>
 *
 * MODE is {@code stream} or {@code json}. Prints {@code key=value} lines (microseconds).
 */
public final class StreamProbe {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String key = args[1];
    boolean stream = args[2].equals("stream");
    int count = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    Path rawOut = args.length > 5 ? Path.of(args[5]) : null;
    java.net.URI uri = java.net.URI.create(url);
    String body = Files.readString(Path.of(System.getenv().getOrDefault("BODY_FILE", "bench/body.json")))
        .replace("\"stream\": false", "\"stream\": " + stream);

    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(1));
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
        .setURI(uri.getPath()).putHeader("content-type", "application/json").putHeader("x-api-key", key)
        .putHeader("anthropic-version", "2023-06-01");
    Buffer payload = Buffer.buffer(body);

    long[] ttfb = new long[count];
    List<Long> eventLatency = new ArrayList<>();
    long[] total = new long[count];
    int[] failures = {0};
    // The whole loop runs on one event loop, so every callback is registered before it can fire.
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    io.vertx.core.Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> next(client, ro, payload, -warmup, count, stream, ttfb, total, eventLatency, failures, done));
    done.get();
    vertx.close();

    long[] ev = eventLatency.stream().mapToLong(Long::longValue).toArray();
    System.out.println("requests=" + count);
    System.out.println("failures=" + failures[0]);
    print("ttfb", ttfb);
    print("total", total);
    if (stream) {
      System.out.println("events=" + ev.length);
      print("event", ev);
    }
    if (rawOut != null) {
      StringBuilder sb = new StringBuilder("kind,value_us\n");
      for (long t : ttfb) sb.append("ttfb,").append(t / 1000.0).append('\n');
      for (long t : ev) sb.append("event,").append(t / 1000.0).append('\n');
      Files.writeString(rawOut, sb);
    }
  }

  static void next(HttpClient client, RequestOptions ro, Buffer payload, int i, int count, boolean stream, long[] ttfb,
      long[] total, List<Long> eventLatency, int[] failures, java.util.concurrent.CompletableFuture<Void> done) {
    if (i >= count) {
      done.complete(null);
      return;
    }
    once(client, ro, payload).onComplete(ar -> {
      if (ar.failed() || ar.result().status != 200) failures[0]++;
      if (i >= 0 && ar.succeeded()) {
        Result r = ar.result();
        ttfb[i] = r.ttfbNs;
        total[i] = r.totalNs;
        if (stream) eventLatency.addAll(r.eventLatencyNs);
      }
      next(client, ro, payload, i + 1, count, stream, ttfb, total, eventLatency, failures, done);
    });
  }

  record Result(int status, long ttfbNs, long totalNs, List<Long> eventLatencyNs) {}

  static Future<Result> once(HttpClient client, RequestOptions ro, Buffer payload) {
    Promise<Result> p = Promise.promise();
    long t0 = System.nanoTime();
    List<Long> latencies = new ArrayList<>();
    long[] first = {0};
    StringBuilder pending = new StringBuilder();
    client.request(ro).onSuccess(req -> {
      req.response().onSuccess(resp -> {
        resp.handler(chunk -> {
          long now = System.nanoTime();
          if (first[0] == 0) first[0] = now;
          pending.append(chunk.toString());
          int end;
          while ((end = pending.indexOf("\n\n")) >= 0) {
            String event = pending.substring(0, end);
            pending.delete(0, end + 2);
            int at = event.indexOf("\"t_ns\":");
            if (at >= 0) {
              int from = at + 7;
              int to = from;
              while (to < event.length() && Character.isDigit(event.charAt(to))) to++;
              latencies.add(now - Long.parseLong(event.substring(from, to)));
            }
          }
        });
        resp.exceptionHandler(p::tryFail);
        resp.endHandler(v -> p.tryComplete(new Result(resp.statusCode(), first[0] - t0, System.nanoTime() - t0, latencies)));
      }).onFailure(p::tryFail);
      req.end(payload);
    }).onFailure(p::tryFail);
    return p.future();
  }

  static void print(String name, long[] ns) {
    if (ns.length == 0) return;
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.println(String.format(Locale.ROOT, "%s_p50_us=%.1f", name, pct(s, 50) / 1000.0));
    System.out.println(String.format(Locale.ROOT, "%s_p90_us=%.1f", name, pct(s, 90) / 1000.0));
    System.out.println(String.format(Locale.ROOT, "%s_p99_us=%.1f", name, pct(s, 99) / 1000.0));
    System.out.println(String.format(Locale.ROOT, "%s_max_us=%.1f", name, s[s.length - 1] / 1000.0));
  }

  static long pct(long[] sorted, double p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }
}
