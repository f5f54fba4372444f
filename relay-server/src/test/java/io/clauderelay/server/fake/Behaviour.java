package io.clauderelay.server.fake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the fake upstream answers one request: an immutable value built from a factory
 * ({@link #ok()}, {@link #status(int)}, {@link #hang()} ...) and refined with {@code with...}/verb
 * methods, each returning a copy. Whether the answer is JSON or SSE follows the request's
 * {@code "stream"} field; stream-only options (gaps, cut, stall, error event) are ignored for JSON
 * answers, except {@link #cutAfter} which closes a JSON request's connection without an answer.
 *
 * @param status HTTP status; 200 answers the message, anything else answers the error shape
 * @param errorType Anthropic {@code error.type}; null derives it from the status
 * @param errorMessage {@code error.message} for error answers and the in-stream error event
 * @param headers extra response headers (added last, so they override the defaults)
 * @param usage token counts reported in the answer
 * @param textChunks the text, one {@code text_delta} per chunk; the JSON answer joins them
 * @param eventGap pause before each SSE event after the first
 * @param responseDelay pause before anything (status line included) is sent
 * @param splitWrites write every SSE event in two parts, split inside a line and, when the event
 *     has a multi-byte character, inside that character
 * @param cutAfterEvents send this many SSE events, then close the connection; -1 = never
 * @param stallAfterEvents send this many SSE events, then go silent with the connection open; -1 = never
 * @param errorEventAfter send this many SSE events, then an {@code event: error} and end the
 *     stream normally (HTTP 200 already committed); -1 = never
 * @param hangs accept the request and never answer
 * @param retryAfterSeconds for 429: the {@code retry-after} value, and the unified reset is now + this
 */
public record Behaviour(
    int status,
    String errorType,
    String errorMessage,
    Map<String, String> headers,
    FakeUsage usage,
    List<String> textChunks,
    Duration eventGap,
    Duration responseDelay,
    boolean splitWrites,
    int cutAfterEvents,
    int stallAfterEvents,
    int errorEventAfter,
    boolean hangs,
    int retryAfterSeconds) {

  /** Default text: several deltas, and non-ASCII characters so UTF-8 handling is exercised. */
  public static final List<String> DEFAULT_TEXT = List.of("Hello", " from the", " fake upstream", " — ünïcode ✓");

  /** Default pause between SSE events: short, but long enough that events usually arrive apart. */
  public static final Duration DEFAULT_EVENT_GAP = Duration.ofMillis(5);

  public Behaviour {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    headers = Map.copyOf(headers);
    Objects.requireNonNull(usage, "usage");
    textChunks = List.copyOf(textChunks);
    Objects.requireNonNull(eventGap, "eventGap");
    Objects.requireNonNull(responseDelay, "responseDelay");
  }

  /** A successful answer with {@link FakeUsage#DEFAULT} and {@link #DEFAULT_TEXT}. */
  public static Behaviour ok() {
    return new Behaviour(200, null, null, Map.of(), FakeUsage.DEFAULT, DEFAULT_TEXT,
        DEFAULT_EVENT_GAP, Duration.ZERO, false, -1, -1, -1, false, 0);
  }

  /**
   * An error answer with the given status in the real error shape; the error type follows the status
   * (401 authentication_error, 403 permission_error, 429 rate_limit_error with retry-after 30 s,
   * 500 api_error, 529 overloaded_error ...). A 200 gives {@link #ok()}.
   */
  public static Behaviour status(int status) {
    Behaviour b = ok();
    return new Behaviour(status, null, null, b.headers, b.usage, b.textChunks, b.eventGap,
        b.responseDelay, false, -1, -1, -1, false, status == 429 ? 30 : 0);
  }

  /** An error answer with an explicit error type and message. */
  public static Behaviour error(int status, String errorType, String message) {
    return status(status).withErrorType(errorType).withErrorMessage(message);
  }

  /** 429 rate_limit_error with {@code retry-after} and {@code anthropic-ratelimit-unified-reset}. */
  public static Behaviour rateLimited(int retryAfterSeconds) {
    return status(429).withRetryAfter(retryAfterSeconds);
  }

  /** Never answers: for timeouts. The peer closing the connection is counted as a cancellation. */
  public static Behaviour hang() {
    return ok().withHang(true);
  }

  /** HTTP 200 stream that carries an overloaded_error event after {@code afterEvents} events. */
  public static Behaviour streamError(int afterEvents) {
    return ok().errorEventAfter(afterEvents);
  }

  public boolean isError() {
    return status != 200;
  }

  /** The text of the whole answer. */
  public String text() {
    return String.join("", textChunks);
  }

  public Behaviour withUsage(FakeUsage u) {
    return new Behaviour(status, errorType, errorMessage, headers, u, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  public Behaviour withUsage(int input, int output, int cacheWrite5m, int cacheWrite1h, int cacheRead) {
    return withUsage(new FakeUsage(input, output, cacheWrite5m, cacheWrite1h, cacheRead));
  }

  public Behaviour withText(String... chunks) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, List.of(chunks), eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  public Behaviour withEventGap(Duration gap) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, gap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  /** A slow stream: a long pause between events. */
  public Behaviour slow(Duration gap) {
    return withEventGap(gap);
  }

  public Behaviour withResponseDelay(Duration delay) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        delay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  /** Write each SSE event in two parts, split mid-line and mid-UTF-8 character when possible. */
  public Behaviour splitEvents() {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, true, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  /** Send {@code events} SSE events, then close the connection without {@code message_stop}. */
  public Behaviour cutAfter(int events) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, requireNonNegative(events), stallAfterEvents, errorEventAfter,
        hangs, retryAfterSeconds);
  }

  /** Send {@code events} SSE events, then stay silent with the connection open (idle timeouts). */
  public Behaviour stallAfter(int events) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, requireNonNegative(events), errorEventAfter,
        hangs, retryAfterSeconds);
  }

  /** Send {@code events} SSE events, then an overloaded_error {@code event: error}, then end. */
  public Behaviour errorEventAfter(int events) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, requireNonNegative(events),
        hangs, retryAfterSeconds);
  }

  public Behaviour withHang(boolean h) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, h,
        retryAfterSeconds);
  }

  public Behaviour withErrorType(String type) {
    return new Behaviour(status, type, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  public Behaviour withErrorMessage(String message) {
    return new Behaviour(status, errorType, message, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  /** Seconds for {@code retry-after}; 0 sends neither it nor the unified reset header. */
  public Behaviour withRetryAfter(int seconds) {
    return new Behaviour(status, errorType, errorMessage, headers, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        requireNonNegative(seconds));
  }

  /** Adds (or overrides) one response header. */
  public Behaviour withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Behaviour(status, errorType, errorMessage, copy, usage, textChunks, eventGap,
        responseDelay, splitWrites, cutAfterEvents, stallAfterEvents, errorEventAfter, hangs,
        retryAfterSeconds);
  }

  private static int requireNonNegative(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("must not be negative: " + n);
    }
    return n;
  }
}
