package io.clauderelay.providers.common;

import io.clauderelay.domain.usage.TokenUsage;

/** Watches a vendor's SSE stream as it passes and keeps the usage and model it reports. */
public interface StreamUsageReader {
  void feed(byte[] chunk);

  /** The stream ended: reads a last event that had no blank line after it. */
  void finish();

  TokenUsage usage();

  /** The model the upstream reported, or null. */
  String model();
}
