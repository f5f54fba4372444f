package io.clauderelay.domain.usage;

/**
 * The time bucket ids a settlement lands in, computed once by the caller in the operator's time
 * zone so that every store (in-memory, Redis script) files it identically.
 */
public record UsageBuckets(String day, String hour, String month, String week) {}
