package io.clauderelay.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.CooldownPolicy;
import io.clauderelay.domain.account.Scheduler;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryAccountStore;
import io.clauderelay.domain.memory.InMemoryApiKeyStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.providers.anthropic.AnthropicStreamUsage;
import io.clauderelay.providers.anthropic.AnthropicUsage;
import io.clauderelay.server.RelaySettings;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.auth.KeyChanges;
import io.clauderelay.server.health.HealthRoute.StoreHealth;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.observe.RelayObserver;
import io.clauderelay.server.pricing.LiteLlmPriceFile;
import io.clauderelay.server.proxy.AccountProxies;
import io.clauderelay.server.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay use case without HTTP: {@link RelayFlow} over the in-memory stores, a scripted
 * upstream (a {@link RelayRoute} whose {@code send} answers from a script per account) and a
 * recording {@link ClientResponse}. What a client and an operator would notice: which account
 * answered, what the client got, that the request was settled once, and that its key and account
 * slots are free again afterwards.
 */
class RelayFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAIN_KEY = "cr_flowtest_0123456789";
  private static final String OK_BODY = "{\"id\":\"msg_1\",\"type\":\"message\",\"model\":\"claude-sonnet-4-20250514\","
      + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}";

  private Vertx vertx;
  private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
  private final InMemoryAccountStore accounts = new InMemoryAccountStore();
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final TimeBuckets buckets = new TimeBuckets(ZoneOffset.UTC);
  private final InMemoryAccountStateStore accountState = new InMemoryAccountStateStore(buckets, ledger);
  private final AtomicInteger settlements = new AtomicInteger();
  private final ScriptedUpstream upstream = new ScriptedUpstream();
  private RelayFlow flow;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    Clock clock = Clock.systemUTC();
    PriceCatalog prices = LiteLlmPriceFile.bundled();
    SecretCipher plain = new SecretCipher() {
      @Override
      public String encrypt(String plaintext) {
        return plaintext;
      }

      @Override
      public String decrypt(String ciphertext) {
        return ciphertext;
      }
    };
    ClientKeyAuthenticator auth = new ClientKeyAuthenticator(keys, k -> "hash:" + k, "cr_", Duration.ZERO);
    RelaySettings settings = new RelaySettings("cr_", 1 << 20, Duration.ofSeconds(30), Duration.ofHours(1),
        Duration.ofSeconds(60), buckets, CooldownPolicy.DEFAULTS, Scheduler.MAX_FAILOVER_RETRIES,
        Duration.ZERO, Duration.ofHours(1), false, "test", io.clauderelay.domain.admission.QueuePolicy.OFF);
    UsageLedger countingLedger = countingSettlements(ledger);
    UsageRecorder recorder = new UsageRecorder(ledger, countingLedger,
        new CostCalculator(prices, CostCalculator.DEFAULT_FALLBACK), clock, buckets, RelayObserver.NONE);
    flow = new RelayFlow(new RelayFlow.Deps(keys, ledger, accounts, accountState, prices, clock, settings, auth,
        new KeyChanges(auth, new NoCluster()), recorder, new InFlight(), new UpstreamTargets(plain, null,
            new AccountProxies(plain)),
        null, RelayObserver.NONE, new AdmissionLine(new io.clauderelay.domain.memory.InMemoryAdmissionQueue(), ledger,
            (kind, id) -> {}, clock, RelayObserver.NONE),
        new io.clauderelay.domain.memory.InMemoryTurnGate()),
        upstream);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anOverloadedAccountIsCooledDownAndTheNextOneAnswers() throws Exception {
    key(KeyLimits.NONE);
    account("first", 10);
    account("second", 20);
    upstream.script("first", Reply.json(529,
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    upstream.script("second", Reply.json(200, OK_BODY));

    Answer answer = relay(messages(false), PLAIN_KEY);

    assertThat(answer.status).isEqualTo(200);
    assertThat(json(answer).path("content").path(0).path("text").asText()).isEqualTo("hi");
    assertThat(upstream.called).containsExactly("first", "second");
    assertThat(coolingUntil("first")).isNotNull();
    assertThat(coolingUntil("second")).isNull();
    awaitSettled(1);
    assertThat(records()).singleElement()
        .satisfies(r -> assertThat(r.accountId()).isEqualTo("second"));
  }

  @Test
  void aBadRequestIsPassedBackWithoutTryingAnotherAccount() throws Exception {
    key(KeyLimits.NONE);
    account("first", 10);
    account("second", 20);
    upstream.script("first", Reply.json(400,
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too large\"}}"));

    Answer answer = relay(messages(false), PLAIN_KEY);

    assertThat(answer.status).isEqualTo(400);
    assertThat(json(answer).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(answer).path("error").path("message").asText()).contains("max_tokens: too large");
    assertThat(upstream.called).containsExactly("first");
    assertThat(coolingUntil("first")).isNull();
  }

  @Test
  void aServedRequestIsSettledExactlyOnceAndFreesItsSlots() throws Exception {
    key(new KeyLimits(1, 0, 0, 0, 0, 0, 0, 0, 1, 0));
    account("only", 10, 1);
    upstream.script("only", Reply.json(200, OK_BODY));
    upstream.script("only", Reply.json(200, OK_BODY));

    Answer first = relay(messages(false), PLAIN_KEY);
    // Both the key's concurrency lease (1) and the account's slot (1) are free again: a second request passes.
    Answer second = relay(messages(false), PLAIN_KEY);

    assertThat(first.status).isEqualTo(200);
    assertThat(second.status).isEqualTo(200);
    awaitSettled(2);
    Thread.sleep(100);
    assertThat(settlements.get()).isEqualTo(2);
    assertThat(records()).hasSize(2)
        .allSatisfy(r -> assertThat(r.tokens().input()).isEqualTo(10));
  }

  @Test
  void aClientThatHangsUpMidStreamCancelsTheUpstreamAndFreesTheLease() throws Exception {
    key(new KeyLimits(1, 0, 0, 0, 0, 0, 0, 0, 1, 0));
    account("only", 10, 1);
    Reply held = Reply.heldStream("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
        + "{\"model\":\"claude-sonnet-4-20250514\",\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}\n\n");
    upstream.script("only", held);
    upstream.script("only", Reply.json(200, OK_BODY));

    Recording response = start(messages(true), PLAIN_KEY);
    assertThat(response.firstChunk.get(10, TimeUnit.SECONDS)).contains("message_start");
    vertx.runOnContext(v -> response.hangUp());

    assertThat(held.cancelled.get(10, TimeUnit.SECONDS)).isTrue();
    awaitSettled(1);
    // The lease (key concurrency 1) and the account's slot (1) were given back: the next request is served.
    Answer next = relay(messages(false), PLAIN_KEY);
    assertThat(next.status).isEqualTo(200);
    awaitSettled(2);
    // What the stream had used before the hang-up is billed; then the next request.
    assertThat(records()).extracting(r -> r.tokens().input()).containsExactlyInAnyOrder(7L, 10L);
  }

  @Test
  void refusalsAreAnsweredInTheRoutesShapeAndNothingGoesUpstream() throws Exception {
    key(KeyLimits.NONE);
    account("first", 10);

    Answer missing = relay(messages(false), null);
    Answer wrong = relay(messages(false), "cr_not_a_known_key_000");
    Answer badBody = relay(Buffer.buffer("{\"model\":"), PLAIN_KEY);

    assertThat(missing.status).isEqualTo(401);
    assertThat(json(missing).path("type").asText()).isEqualTo("error");
    assertThat(json(missing).path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(wrong.status).isEqualTo(401);
    assertThat(badBody.status).isEqualTo(400);
    assertThat(json(badBody).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(upstream.called).isEmpty();
    assertThat(settlements.get()).isZero();
  }

  @Test
  void noSchedulableAccountIsA503WithNothingSettled() throws Exception {
    key(KeyLimits.NONE);

    Answer answer = relay(messages(false), PLAIN_KEY);

    assertThat(answer.status).isEqualTo(503);
    assertThat(json(answer).path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(upstream.called).isEmpty();
    assertThat(settlements.get()).isZero();
  }

  // --- fixtures

  private void key(KeyLimits limits) {
    keys.save(ApiKey.builder("key-1", "hash:" + PLAIN_KEY).name("flow").limits(limits).build())
        .toCompletableFuture().join();
  }

  private void account(String id, int priority) {
    account(id, priority, 0);
  }

  private void account(String id, int priority, int maxConcurrency) {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    accounts.save(new Account(id, io.clauderelay.domain.account.AccountType.CLAUDE_CONSOLE, id, "",
        "http://upstream.invalid", "sk-" + id, priority, true, true, null, null, null, maxConcurrency, 0, false,
        null, null, t, t, null, null)).toCompletableFuture().join();
  }

  private Instant coolingUntil(String accountId) {
    return accountState.runtime(List.of(accountId), Instant.now()).toCompletableFuture().join().get(accountId)
        .coolingUntil();
  }

  private List<io.clauderelay.domain.usage.UsageRecord> records() {
    return ledger.recentRecords("key-1", 10).toCompletableFuture().join();
  }

  private void awaitSettled(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (settlements.get() < n && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(settlements.get()).isEqualTo(n);
  }

  private static Buffer messages(boolean stream) {
    return Buffer.buffer("{\"model\":\"claude-sonnet-4-20250514\",\"max_tokens\":16,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
  }

  private static JsonNode json(Answer a) throws Exception {
    return JSON.readTree(a.body);
  }

  private Answer relay(Buffer body, String key) throws Exception {
    return start(body, key).done.get(10, TimeUnit.SECONDS);
  }

  private Recording start(Buffer body, String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
    if (key != null) headers.add("x-api-key", key);
    Inbound in = new Inbound("POST", Map.of(), null, MultiMap.caseInsensitiveMultiMap(), headers, body,
        "127.0.0.1", "req_" + System.nanoTime());
    Recording response = new Recording();
    vertx.runOnContext(v -> flow.handle(in, response));
    return response;
  }

  /** Counts the settlements that reach the ledger (the "exactly once" of every request). */
  private UsageLedger countingSettlements(InMemoryLedger target) {
    return (UsageLedger) Proxy.newProxyInstance(UsageLedger.class.getClassLoader(), new Class<?>[]{UsageLedger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("settle") && args.length == 1 && args[0] instanceof UsageSettlement) {
            CompletionStage<?> result = target.settle((UsageSettlement) args[0]);
            return result.thenApply(r -> {
              settlements.incrementAndGet();
              return r;
            });
          }
          return method.invoke(target, args);
        });
  }

  // --- the fake upstream and the recording client

  /** What the client got. */
  record Answer(int status, Map<String, String> headers, String body) {}

  /** A client response that records what the flow wrote, with back-pressure never engaged. */
  static final class Recording implements ClientResponse {
    final CompletableFuture<Answer> done = new CompletableFuture<>();
    final CompletableFuture<String> firstChunk = new CompletableFuture<>();
    private final StringBuilder body = new StringBuilder();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int status;
    private boolean head, ended;
    private Runnable onClosed = () -> {};

    @Override
    public void send(int status, Map<String, String> headers, Buffer body) {
      open(status, headers);
      end(body);
    }

    @Override
    public void open(int status, Map<String, String> headers) {
      this.status = status;
      this.headers.putAll(headers);
    }

    @Override
    public boolean write(Buffer chunk) {
      head = true;
      body.append(chunk.toString());
      firstChunk.complete(chunk.toString());
      return true;
    }

    @Override
    public void onDrain(Runnable then) {}

    @Override
    public void end(Buffer last) {
      head = true;
      ended = true;
      if (last != null) body.append(last.toString());
      done.complete(new Answer(status, Map.copyOf(headers), body.toString()));
    }

    @Override
    public boolean headWritten() {
      return head;
    }

    @Override
    public boolean ended() {
      return ended;
    }

    @Override
    public void onEnded(Runnable then) {}

    @Override
    public void onClosed(Runnable then) {
      onClosed = then;
    }

    void hangUp() {
      onClosed.run();
    }
  }

  /** One scripted upstream answer: status, headers and a body that is streamed when the relay resumes it. */
  static final class Reply implements ReadStream<Buffer> {
    final int status;
    final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private final Deque<Buffer> chunks = new ArrayDeque<>();
    private final boolean ends;
    final CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
    private Handler<Buffer> handler = b -> {};
    private Handler<Throwable> exceptionHandler = e -> {};
    private Handler<Void> endHandler = v -> {};
    private boolean paused = true, over;

    private Reply(int status, String contentType, boolean ends, String... chunks) {
      this.status = status;
      this.ends = ends;
      headers.add("content-type", contentType);
      for (String c : chunks) this.chunks.add(Buffer.buffer(c));
    }

    static Reply json(int status, String body) {
      return new Reply(status, "application/json", true, body);
    }

    /** An SSE answer that sends its chunks and then stays open until the call is cancelled. */
    static Reply heldStream(String... events) {
      return new Reply(200, "text/event-stream", false, events);
    }

    UpstreamReply reply() {
      return new UpstreamReply(status, headers, this, () -> {
        cancelled.complete(true);
        // What Vert.x does when a request is reset: the response body fails.
        if (!over) {
          over = true;
          exceptionHandler.handle(new VertxException("Connection was closed"));
        }
      });
    }

    private void pump() {
      while (!paused && !chunks.isEmpty()) handler.handle(chunks.poll());
      if (!paused && chunks.isEmpty() && ends && !over) {
        over = true;
        endHandler.handle(null);
      }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      exceptionHandler = h == null ? e -> {} : h;
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      handler = h == null ? b -> {} : h;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      paused = false;
      pump();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return resume();
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      endHandler = h == null ? v -> {} : h;
      return this;
    }
  }

  /** The Anthropic Messages route with its upstream call replaced by a script per account credential. */
  static final class ScriptedUpstream implements RelayRoute {
    final List<String> called = new ArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new HashMap<>();

    void script(String accountId, Reply reply) {
      scripts.computeIfAbsent("sk-" + accountId, k -> new ArrayDeque<>()).add(reply);
    }

    @Override
    public Provider provider() {
      return Provider.CLAUDE;
    }

    @Override
    public ApiFamily family() {
      return ApiFamily.ANTHROPIC;
    }

    @Override
    public boolean tokenCount() {
      return false;
    }

    @Override
    public RelayRequest parse(Inbound request) {
      return MessagesRequest.parse(request.body(), false);
    }

    @Override
    public Future<UpstreamReply> send(Upstream u) {
      String credential = u.target().credential();
      called.add(credential.substring(3));
      Deque<Reply> script = scripts.get(credential);
      if (script == null || script.isEmpty()) return Future.failedFuture(new VertxException("connection refused"));
      return Future.succeededFuture(script.poll().reply());
    }

    @Override
    public Answer answer(Inbound in, RelayRequest request) {
      return request.stream()
          ? new Stream(new PassThroughTap(new AnthropicStreamUsage(),
              message -> ResponsePump.sseError("api_error", message)))
          : new Json(JsonUsageTap.of("usage", AnthropicUsage::from, "model"));
    }
  }

  /** A single node: nothing to tell other nodes. */
  static final class NoCluster implements Stores.Cluster {
    @Override
    public CompletionStage<StoreHealth> health() {
      return CompletableFuture.completedFuture(new StoreHealth(true, "memory", 0, null));
    }

    @Override
    public void publishInvalidation(String kind, String id) {}

    @Override
    public void onInvalidation(BiConsumer<String, String> handler) {}

    @Override
    public CompletionStage<Boolean> tryLock(String job, String owner, Duration ttl) {
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public int housekeeping(Instant now) {
      return 0;
    }

    @Override
    public CompletionStage<Void> close() {
      return CompletableFuture.completedFuture(null);
    }
  }
}
