package io.clauderelay.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Makes the library binders' series pass {@code promtool check metrics}: Micrometer's Netty meters
 * have no help text, its CPU time counter is in nanoseconds and its CPU count ends in
 * {@code _count}, which Prometheus reserves for histograms and summaries.
 */
final class PromtoolClean {
  private PromtoolClean() {}

  static void apply(MeterRegistry registry) {
    registry.config()
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            if (id.getName().equals("system.cpu.count")) id = id.withName("system.cpu.cores");
            if (id.getDescription() == null && id.getName().startsWith("netty.")) {
              id = new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(),
                  "Netty " + id.getName().substring("netty.".length()).replace('.', ' '), id.getType());
            }
            return id;
          }
        });
  }
}
