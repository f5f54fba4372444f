package io.clauderelay.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of whole numbers (tokens, micro-dollars) kept as {@code long}s: the sum is exact
 * however many requests add to it, and only the scrape turns it into a sample.
 */
final class LongCounters {
  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final String unit;
  private final Map<Tags, LongAdder> adders = new ConcurrentHashMap<>();

  LongCounters(MeterRegistry registry, String name, String description, String unit) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.unit = unit;
  }

  void add(Tags tags, long amount) {
    if (amount <= 0) return;
    adders.computeIfAbsent(tags, t -> {
      LongAdder adder = new LongAdder();
      FunctionCounter.builder(name, adder, LongAdder::sum).description(description).baseUnit(unit).tags(t)
          .register(registry);
      return adder;
    }).add(amount);
  }
}
