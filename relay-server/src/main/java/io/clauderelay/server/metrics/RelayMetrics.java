package io.clauderelay.server.metrics;

import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.function.IntSupplier;

/**
 * One node's Prometheus registry: the relay's series ({@link RelayMeters}), gauges read at scrape
 * time (requests in flight, settlement journal), and the JVM and Netty binders. Each relay gets its
 * own registry (never Micrometer's global one), so two nodes in one test JVM do not mix.
 */
public final class RelayMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RelayMeters meters;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public RelayMetrics(boolean perKey) {
    PromtoolClean.apply(registry);
    this.meters = new RelayMeters(registry, perKey);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
    // The pool Vert.x's HTTP server and client actually allocate from (an internal class, hence the check).
    if (VertxByteBufAllocator.POOLED_ALLOCATOR instanceof ByteBufAllocatorMetricProvider pooled
        && VertxByteBufAllocator.POOLED_ALLOCATOR != PooledByteBufAllocator.DEFAULT) {
      new NettyAllocatorMetrics(pooled).bindTo(registry);
    }
  }

  /** The event loops' pending tasks: a loop that falls behind shows here before latency does. */
  public RelayMetrics bindVertx(Vertx vertx) {
    if (vertx instanceof VertxInternal internal)
      new NettyEventExecutorMetrics(internal.nettyEventLoopGroup()).bindTo(registry);
    return this;
  }

  public RelayMetrics bindInFlight(IntSupplier inFlight) {
    Gauge.builder("relay.requests.in.flight", inFlight, s -> s.getAsInt())
        // The supplier is a method reference nobody else holds: a weak gauge would read NaN after a GC.
        .strongReference(true).description("Client requests this node is serving now").register(registry);
    return this;
  }

  /** Requests this node holds in a key's concurrency queue, waiting for a slot. */
  public RelayMetrics bindQueue(IntSupplier waiting) {
    Gauge.builder("relay.queue.waiting", waiting, s -> s.getAsInt()).strongReference(true)
        .description("Requests waiting in a key's concurrency queue on this node").register(registry);
    return this;
  }

  /** Usage settlements not yet in the store: journaled while it was away, and written but not answered. */
  public RelayMetrics bindJournal(JournalingUsageLedger ledger) {
    Gauge.builder("relay.journal.pending", ledger, JournalingUsageLedger::pending)
        .description("Usage settlements journaled while the store was away, waiting for replay").register(registry);
    Gauge.builder("relay.journal.writing", ledger, JournalingUsageLedger::writing)
        .description("Usage settlements sent to the store and not yet answered").register(registry);
    FunctionCounter.builder("relay.journal.journaled", ledger, JournalingUsageLedger::journaledTotal)
        .description("Usage settlements ever journaled").register(registry);
    FunctionCounter.builder("relay.journal.dropped", ledger, JournalingUsageLedger::droppedTotal)
        .description("Usage settlements dropped because the journal was full").register(registry);
    return this;
  }

  public RelayMeters meters() {
    return meters;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void close() {
    gc.close();
    registry.close();
  }
}
