package io.clauderelay.domain.admission;

import io.clauderelay.domain.key.KeyQueue;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether a request over its key's concurrency limit waits for a slot, how many may wait at once
 * and for how long at most: the key's own {@link KeyQueue} fields over the relay's defaults.
 */
public record QueuePolicy(boolean enabled, int maxSize, Duration timeout) {
  /** The relay's default when nothing is configured: off, so the answer stays an immediate 429. */
  public static final QueuePolicy OFF = new QueuePolicy(false, 10, Duration.ofSeconds(10));

  public QueuePolicy {
    Objects.requireNonNull(timeout, "timeout");
    if (maxSize < 1) throw new IllegalArgumentException("maxSize must be at least 1");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
  }

  /** The key's fields where it has them, these defaults elsewhere. */
  public QueuePolicy forKey(KeyQueue key) {
    if (key == null) return this;
    return new QueuePolicy(key.enabled() != null ? key.enabled() : enabled,
        key.maxSize() != null ? key.maxSize() : maxSize,
        key.timeoutMs() != null ? Duration.ofMillis(key.timeoutMs()) : timeout);
  }
}
