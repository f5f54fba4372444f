package io.clauderelay.bench;

import io.clauderelay.crypto.EncryptionKey;
import io.clauderelay.crypto.HmacKeyHasher;
import io.clauderelay.domain.account.SessionFacts;
import io.clauderelay.domain.account.SessionIdentity;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionRule;
import io.clauderelay.domain.admission.LimitCounters;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.pricing.CostCalculator;
import io.clauderelay.domain.pricing.PriceCatalog;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.providers.anthropic.AnthropicStreamUsage;
import io.clauderelay.server.pricing.LiteLlmPriceFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request pure code of the relay, each on realistic input: the admission decision, the
 * SSE usage parser over a whole stream, the cost of one request, the key hash and the sticky
 * session id. Average time per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {
  private AdmissionRequest admissionNoLimits;
  private AdmissionRequest admissionAllLimits;
  private LimitCounters counters;
  private CostCalculator calculator;
  private TokenUsage usage;
  private HmacKeyHasher hasher;
  private String apiKey;
  private SessionFacts userIdFacts;
  private SessionFacts hashedFacts;
  private List<byte[]> streamChunks;

  @Setup
  public void setup() {
    Instant now = Instant.parse("2026-01-15T10:15:30Z");
    admissionNoLimits = new AdmissionRequest("key-1", "lease-1", KeyLimits.NONE, now, Duration.ofMinutes(10),
        "2026-01-15", "2026-W03", true, 25_000, now.plusSeconds(3600), now.plusSeconds(86_400));
    // Every limit set and none reached: the decision walks every check.
    KeyLimits all = new KeyLimits(10, 60, 1_000, 10_000_000, 50_000_000, 100_000_000, 1_000_000_000, 500_000_000, 1, 0);
    admissionAllLimits = new AdmissionRequest("key-1", "lease-1", all, now, Duration.ofMinutes(10),
        "2026-01-15", "2026-W03", true, 25_000, now.plusSeconds(3600), now.plusSeconds(86_400));
    counters = new LimitCounters(3, 75_000, now.minusSeconds(600), 120, 450_000, 3_000_000, 9_000_000, 80_000_000, 20_000_000);

    PriceCatalog catalog = LiteLlmPriceFile.bundled();
    calculator = new CostCalculator(catalog, CostCalculator.DEFAULT_FALLBACK);
    usage = new TokenUsage(1_234, 567, 2_048, 0, 30_000);

    hasher = new HmacKeyHasher(EncryptionKey.ofBytes(new byte[32]));
    apiKey = "cr_" + "0123456789abcdef".repeat(4);

    userIdFacts = new SessionFacts("user_" + "a".repeat(64) + "_account__session_3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e",
        null, null, "You are Claude Code.", "hello");
    String system = "You are Claude Code, Anthropic's official CLI for Claude. "
        + "Follow the repository conventions, keep changes small. ".repeat(40);
    hashedFacts = new SessionFacts(null, null, null, system, "Please look at the function below. ".repeat(30));

    streamChunks = anthropicStream(100);
  }

  /** A realistic Anthropic stream: message_start, one text block of {@code deltas} deltas, message_delta, message_stop; one network read per event. */
  static List<byte[]> anthropicStream(int deltas) {
    List<String> events = new ArrayList<>();
    events.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1234,\"cache_creation_input_tokens\":2048,\"cache_read_input_tokens\":30000,"
        + "\"output_tokens\":1}}}\n\n");
    events.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    events.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    for (int i = 0; i < deltas; i++) {
      events.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
          + "\"text\":\"word" + i + " and some more text \"}}\n\n");
    }
    events.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    events.add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
        + "\"usage\":{\"output_tokens\":567}}\n\n");
    events.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    List<byte[]> chunks = new ArrayList<>();
    for (String e : events) chunks.add(e.getBytes(StandardCharsets.UTF_8));
    return chunks;
  }

  @Benchmark
  public Optional<Failure> admissionNoLimits() {
    return AdmissionRule.decide(admissionNoLimits, counters);
  }

  @Benchmark
  public Optional<Failure> admissionAllLimitsChecked() {
    return AdmissionRule.decide(admissionAllLimits, counters);
  }

  /** The whole stream of one answer (106 events, ~10 KB) through the usage parser. */
  @Benchmark
  public TokenUsage sseUsageWholeStream() {
    AnthropicStreamUsage u = new AnthropicStreamUsage();
    for (byte[] chunk : streamChunks) u.feed(chunk);
    u.finish();
    return u.usage();
  }

  @Benchmark
  public Cost costKnownModel() {
    return calculator.cost("claude-sonnet-4-20250514", usage, false);
  }

  @Benchmark
  public Cost costUnknownModel() {
    return calculator.cost("some-unknown-model", usage, false);
  }

  @Benchmark
  public String hmacKeyHash() {
    return hasher.hash(apiKey);
  }

  @Benchmark
  public Optional<String> sessionIdFromUserId() {
    return SessionIdentity.of(userIdFacts);
  }

  @Benchmark
  public Optional<String> sessionIdHashedPrefix() {
    return SessionIdentity.of(hashedFacts);
  }
}
