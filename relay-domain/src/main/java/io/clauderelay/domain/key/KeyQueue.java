package io.clauderelay.domain.key;

/**
 * A key's own queueing settings (CRS's {@code concurrencyQueue*} fields): a null field means "the
 * relay's default" ({@code CONCURRENCY_QUEUE_*}), so a key created without them follows the operator.
 */
public record KeyQueue(Boolean enabled, Integer maxSize, Integer timeoutMs) {
  public static final KeyQueue DEFAULTS = new KeyQueue(null, null, null);

  public KeyQueue {
    if (maxSize != null && maxSize < 1)
      throw new IllegalArgumentException("concurrencyQueueMaxSize must be at least 1");
    if (timeoutMs != null && timeoutMs < 1)
      throw new IllegalArgumentException("concurrencyQueueTimeoutMs must be at least 1");
  }
}
