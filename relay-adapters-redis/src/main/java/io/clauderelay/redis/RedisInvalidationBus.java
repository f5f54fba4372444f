package io.clauderelay.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-node cache invalidation over Redis pub/sub: a node that changes a key or an account
 * publishes {@code (kind, id)}, every other node drops its cached copy.
 *
 * <p>Publishing goes through the shared pooled {@link RedisCommands}. Subscribing holds one
 * DEDICATED connection from its own client: a subscribed connection cannot serve other commands,
 * and it dies with its server (a restart, a Sentinel failover; toolchain §3), so the bus watches it
 * (end, exception, a periodic PING) and reconnects with exponential backoff, then subscribes again.
 * Messages published while it was away are lost, so after every re-subscription the handler gets
 * {@link Invalidation#everything()}: drop every cached entry. A node does not receive its own
 * messages (it changed its cache when it published).
 *
 * <p>All state lives on one Vert.x context, so no locking is needed.
 */
public final class RedisInvalidationBus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBus.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invalidation: {@code kind} (e.g. "apiKey", "account") and {@code id}, from node {@code origin}. */
  public record Invalidation(String kind, String id, String origin) {
    public static final String ALL = "*";

    public Invalidation {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
    }

    /** Sent to the local handler after a reconnect: messages may have been missed, drop everything. */
    public static Invalidation everything() {
      return new Invalidation(ALL, ALL, null);
    }

    public boolean isEverything() {
      return ALL.equals(kind);
    }
  }

  /** Reconnect and liveness timing. */
  public record Timing(Duration minBackoff, Duration maxBackoff, Duration pingInterval, Duration replyTimeout) {
    public static final Timing DEFAULT = new Timing(Duration.ofMillis(100), Duration.ofSeconds(5),
        Duration.ofSeconds(15), Duration.ofSeconds(5));
  }

  private final Vertx vertx;
  private final Context context;
  private final Redis subscriberClient;
  private final RedisCommands publisher;
  private final String channel;
  private final String nodeId;
  private final Timing timing;

  // Context-confined state.
  private Consumer<Invalidation> handler;
  private Promise<Void> firstSubscription;
  private RedisConnection connection;
  private int generation;
  private boolean confirmed;
  private boolean everSubscribed;
  private int failures;
  private long lastHeardNanos;
  private long pingTimer = -1;
  private boolean closed;

  /**
   * @param subscriberClient a client used for nothing else: the bus keeps one connection of it
   * @param publisher the shared command runner, for PUBLISH
   */
  public RedisInvalidationBus(Vertx vertx, Redis subscriberClient, RedisCommands publisher, String channel,
      String nodeId, Timing timing) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.subscriberClient = subscriberClient;
    this.publisher = publisher;
    this.channel = channel;
    this.nodeId = nodeId;
    this.timing = timing;
  }

  /** On the default channel, with a random node id and the default timing. */
  public RedisInvalidationBus(Vertx vertx, Redis subscriberClient, RedisCommands publisher) {
    this(vertx, subscriberClient, publisher, RedisKeys.INVALIDATION_CHANNEL, UUID.randomUUID().toString(),
        Timing.DEFAULT);
  }

  public String nodeId() {
    return nodeId;
  }

  /** Tells every other subscribed node to drop {@code (kind, id)}; answers how many subscribers Redis reached. */
  public CompletionStage<Long> publish(String kind, String id) {
    String payload = JSON.createObjectNode().put("kind", kind).put("id", id).put("origin", nodeId).toString();
    return publisher.send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload)).thenApply(Replies::asLong);
  }

  /**
   * Starts listening; the stage completes when the first subscription is confirmed (it keeps
   * retrying until then, or until {@link #close()}). The handler runs on a Vert.x event loop.
   */
  public CompletionStage<Void> subscribe(Consumer<Invalidation> onInvalidation) {
    Promise<Void> ready = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        ready.fail(new IllegalStateException("invalidation bus is closed"));
      } else if (handler != null) {
        ready.fail(new IllegalStateException("already subscribed"));
      } else {
        handler = onInvalidation;
        firstSubscription = ready;
        pingTimer = vertx.setPeriodic(timing.pingInterval().toMillis(), id -> ping());
        connect();
      }
    });
    return ready.future().toCompletionStage();
  }

  /** Whether the subscription is currently confirmed (for health and tests). */
  public CompletionStage<Boolean> subscribed() {
    Promise<Boolean> p = Promise.promise();
    context.runOnContext(v -> p.complete(confirmed && connection != null));
    return p.future().toCompletionStage();
  }

  /** Stops listening and closes the subscriber client (never the shared publisher). */
  public CompletionStage<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      generation++;
      if (pingTimer >= 0) vertx.cancelTimer(pingTimer);
      if (firstSubscription != null) firstSubscription.tryFail(new IllegalStateException("invalidation bus closed"));
      RedisConnection c = connection;
      connection = null;
      Future<Void> closing = c == null ? Future.succeededFuture() : c.close().otherwiseEmpty();
      closing.eventually(() -> subscriberClient.close()).onComplete(ar -> done.complete());
    });
    return done.future().toCompletionStage();
  }

  private void connect() {
    if (closed) return;
    int gen = ++generation;
    confirmed = false;
    subscriberClient.connect().onComplete(ar -> context.runOnContext(v -> {
      if (closed || gen != generation) {
        if (ar.succeeded()) ar.result().close();
        return;
      }
      if (ar.failed()) {
        lost(gen, ar.cause());
        return;
      }
      RedisConnection c = ar.result();
      connection = c;
      c.handler(r -> context.runOnContext(x -> onReply(gen, r)));
      c.exceptionHandler(err -> context.runOnContext(x -> lost(gen, err)));
      c.endHandler(end -> context.runOnContext(x -> lost(gen, null)));
      // SUBSCRIBE completes on write; Redis confirms with a "subscribe" push, which onReply waits for.
      c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(err -> context.runOnContext(x -> lost(gen, err)));
      vertx.setTimer(timing.replyTimeout().toMillis(), id -> {
        if (gen == generation && !confirmed) lost(gen, new IllegalStateException("SUBSCRIBE was not confirmed"));
      });
    }));
  }

  /** The connection (or the attempt) of generation {@code gen} is gone: drop it, retry after a backoff. */
  private void lost(int gen, Throwable cause) {
    if (closed || gen != generation) return;
    generation++;
    confirmed = false;
    RedisConnection c = connection;
    connection = null;
    // A subscribed connection is tainted: closing it really closes it instead of returning it to the pool.
    if (c != null) c.close();
    long delay = Math.min(timing.maxBackoff().toMillis(), timing.minBackoff().toMillis() << Math.min(failures, 16));
    failures++;
    // One line per outage, then one every 20 attempts: a long outage must not flood the log.
    if (failures == 1 || failures % 20 == 0) {
      LOG.warn("invalidation subscriber lost ({}); reconnecting in {} ms", cause == null
          ? "connection closed"
          : cause.getMessage(), delay);
    }
    vertx.setTimer(Math.max(1, delay), id -> context.runOnContext(v -> {
      if (!closed && gen + 1 == generation) connect();
    }));
  }

  private void onReply(int gen, Response r) {
    if (gen != generation || r == null) return;
    lastHeardNanos = System.nanoTime();
    if (r.size() < 3) return; // e.g. a PONG answered outside its promise
    String type = r.get(0).toString();
    if ("subscribe".equalsIgnoreCase(type)) {
      confirmed = true;
      failures = 0;
      if (everSubscribed) {
        LOG.info("invalidation subscriber re-subscribed to {}", channel);
        deliver(Invalidation.everything());
      }
      everSubscribed = true;
      firstSubscription.tryComplete();
    } else if ("message".equalsIgnoreCase(type) && channel.equals(r.get(1).toString())) {
      Invalidation inv = decode(r.get(2).toString());
      if (inv != null && !nodeId.equals(inv.origin())) deliver(inv);
    }
  }

  /**
   * A half-open connection (the peer vanished without a FIN) is only noticed by talking: PING, and
   * count the link alive if anything at all arrived since (a message can overtake the PONG).
   */
  private void ping() {
    RedisConnection c = connection;
    if (closed || c == null || !confirmed) return;
    int gen = generation;
    long sent = System.nanoTime();
    c.send(Request.cmd(Command.PING)).onSuccess(r -> context.runOnContext(v -> {
      if (gen == generation) lastHeardNanos = System.nanoTime();
    }));
    vertx.setTimer(timing.replyTimeout().toMillis(), id -> context.runOnContext(v -> {
      if (gen == generation && lastHeardNanos - sent < 0) lost(gen, new IllegalStateException("no PING reply"));
    }));
  }

  private void deliver(Invalidation inv) {
    try {
      handler.accept(inv);
    } catch (RuntimeException e) {
      LOG.error("invalidation handler failed for {} {}", inv.kind(), inv.id(), e);
    }
  }

  private static Invalidation decode(String payload) {
    try {
      JsonNode n = JSON.readTree(payload);
      if (!n.hasNonNull("kind") || !n.hasNonNull("id")) return null;
      return new Invalidation(n.get("kind").asText(), n.get("id").asText(),
          n.hasNonNull("origin") ? n.get("origin").asText() : null);
    } catch (Exception e) {
      LOG.warn("ignoring an unreadable invalidation message on the channel");
      return null;
    }
  }
}
