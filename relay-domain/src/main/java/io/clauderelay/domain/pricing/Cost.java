package io.clauderelay.domain.pricing;

/**
 * The real (unmultiplied) cost of one request in integer micro-dollars, by part. {@code
 * fallbackPricing} says the model was not in the catalog and a configured fallback price was used.
 */
public record Cost(
    long inputMicros,
    long outputMicros,
    long cacheWrite5mMicros,
    long cacheWrite1hMicros,
    long cacheReadMicros,
    long totalMicros,
    boolean fallbackPricing,
    boolean longContext) {

  public static final Cost ZERO = new Cost(0, 0, 0, 0, 0, 0, false, false);
}
