package io.clauderelay.server.metrics;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.observe.RequestEnded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's own series, fed by the {@link RelayObserver} calls of the request path: requests by
 * route family, provider, model and outcome; upstream latency and time to first byte; streams in
 * flight; tokens and cost; admission refusals; failovers; cool-downs; OAuth refreshes; store round
 * trips. A key appears only as its id and only when per-key labels are on.
 */
public final class RelayMeters implements RelayObserver {
  /** Buckets of the latency histograms: an LLM answer takes from a tenth of a second to minutes. */
  private static final Duration[] LATENCY_BUCKETS = durations(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
      600);
  private static final Duration[] STORE_BUCKETS = durations(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
      0.5, 1, 2.5, 10);

  private final MeterRegistry registry;
  private final boolean perKey;
  private final LabelGuard models = new LabelGuard(200);
  private final AtomicInteger streams = new AtomicInteger();
  private final LongCounters tokens;
  private final LongCounters cost;

  public RelayMeters(MeterRegistry registry, boolean perKey) {
    this.registry = registry;
    this.perKey = perKey;
    this.tokens = new LongCounters(registry, "relay.tokens", "Tokens used, by kind", "tokens");
    this.cost = new LongCounters(registry, "relay.cost", "Cost in micro-dollars (before key rates)", "microdollars");
    Gauge.builder("relay.streams.in.flight", streams, AtomicInteger::get)
        .description("Streamed answers flowing to clients now").register(registry);
    // Rare events start at 0, so a rate() over them reads 0 instead of "no data".
    for (String outcome : new String[]{"ok", "failed"}) oauthRefreshes(outcome);
  }

  private Counter oauthRefreshes(String outcome) {
    return Counter.builder("relay.oauth.refreshes").description("Subscription token refreshes, by outcome")
        .tag("outcome", outcome).register(registry);
  }

  @Override
  public void requestEnded(RequestEnded e) {
    String model = models.of(e.model());
    String provider = e.provider().id();
    Tags tags = Tags.of("family", e.family().name().toLowerCase(Locale.ROOT), "provider", provider, "model", model,
        "status", statusClass(e.status()), "failure", failure(e));
    if (perKey) tags = tags.and("key_id", e.keyId() == null ? "none" : e.keyId());
    Counter.builder("relay.requests").description("Relay requests ended, by route family, provider, model and outcome")
        .tags(tags).register(registry).increment();
    if (e.failure() != null && refusal(e.failure())) {
      Counter.builder("relay.admission.refusals").description("Requests refused before any upstream call, by reason")
          .tag("reason", e.failure().name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
    if (e.accountId() == null) return;
    Tags upstream = Tags.of("provider", provider, "model", model);
    Timer.builder("relay.upstream.latency").description("Time from the request to the end of the upstream answer")
        .serviceLevelObjectives(LATENCY_BUCKETS).tags(upstream).register(registry)
        .record(e.latencyMs(), TimeUnit.MILLISECONDS);
    if (e.firstByteMs() > 0) {
      Timer.builder("relay.upstream.ttfb").description("Time from the request to the first byte of the upstream answer")
          .serviceLevelObjectives(LATENCY_BUCKETS).tags(upstream).register(registry)
          .record(e.firstByteMs(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void queueWaited(java.time.Duration waited, String outcome) {
    Timer.builder("relay.queue.wait")
        .description("Time requests waited in their key's concurrency queue, by how the wait ended")
        .tag("outcome", outcome).register(registry).record(waited);
  }

  @Override
  public void streamOpened() {
    streams.incrementAndGet();
  }

  @Override
  public void streamClosed() {
    streams.decrementAndGet();
  }

  @Override
  public void failover(Provider provider, int upstreamStatus) {
    Counter.builder("relay.failovers").description("Requests moved to another account before the first byte")
        .tags("provider", provider.id(), "upstream_status", Integer.toString(upstreamStatus)).register(registry)
        .increment();
  }

  @Override
  public void usage(Provider provider, String model, TokenUsage t, long costMicros, String keyId) {
    Tags base = Tags.of("provider", provider.id(), "model", models.of(model));
    if (perKey) base = base.and("key_id", keyId == null ? "none" : keyId);
    tokens.add(base.and("kind", "input"), t.input());
    tokens.add(base.and("kind", "output"), t.output());
    tokens.add(base.and("kind", "cache_write_5m"), t.cacheWrite5m());
    tokens.add(base.and("kind", "cache_write_1h"), t.cacheWrite1h());
    tokens.add(base.and("kind", "cache_read"), t.cacheRead());
    cost.add(base, costMicros);
  }

  @Override
  public void cooledDown(String accountId, java.time.Instant until, String reason) {
    Counter.builder("relay.account.cooldowns").description("Accounts taken out of the pool for a while, by reason")
        .tags("account_id", accountId, "reason", reasonClass(reason)).register(registry).increment();
  }

  @Override
  public void oauthRefresh(String accountId, boolean ok, String reason) {
    oauthRefreshes(ok ? "ok" : "failed").increment();
  }

  @Override
  public void storeCall(String op, long nanos, boolean ok) {
    Timer.builder("relay.store.latency").description("Store round trips, by operation and outcome")
        .serviceLevelObjectives(STORE_BUCKETS).tags("op", op, "outcome", ok ? "ok" : "error").register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Refused by the key's own rules or limits, before any account was asked. */
  static boolean refusal(FailureKind kind) {
    String n = kind.name();
    return n.startsWith("AUTH_") || n.startsWith("POLICY_");
  }

  static String statusClass(int status) {
    return status == 499 ? "499" : (status / 100) + "xx";
  }

  private static String failure(RequestEnded e) {
    if (e.failure() != null) return e.failure().name().toLowerCase(Locale.ROOT);
    if (e.status() == 499) return "client_gone";
    return e.status() >= 400 ? "upstream_error" : "none";
  }

  /** "rate_limited (HTTP 429) (sonnet)" → "rate_limited": the class, without the varying details. */
  static String reasonClass(String reason) {
    if (reason == null || reason.isBlank()) return "unknown";
    int cut = reason.indexOf(' ');
    String head = cut < 0 ? reason : reason.substring(0, cut);
    return head.length() > 40 ? head.substring(0, 40) : head;
  }

  private static Duration[] durations(double... seconds) {
    Duration[] out = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) out[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
    return out;
  }
}
