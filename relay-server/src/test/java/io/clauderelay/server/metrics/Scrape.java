package io.clauderelay.server.metrics;

import java.util.Arrays;
import java.util.List;

/** A scraped Prometheus text page, read the way a query would: the sum of the samples of a series whose labels match. */
record Scrape(String text) {

  /** Sum of the samples named {@code name} whose label set contains every {@code label="value"} pair given. */
  double sum(String name, String... labels) {
    return lines(name, labels).stream().mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  List<String> lines(String name, String... labels) {
    return text.lines().filter(l -> !l.startsWith("#"))
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains)).toList();
  }
}
