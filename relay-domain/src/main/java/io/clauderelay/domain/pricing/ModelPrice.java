package io.clauderelay.domain.pricing;

/** STUB: replaced by the pricing work. Prices in pico-dollars per token. */
public record ModelPrice(String model, long inputPico, long outputPico) {}
