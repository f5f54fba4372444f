package io.clauderelay.server.fake;

import java.util.concurrent.atomic.AtomicInteger;

/** Thread-safe counters of what happened to the fake's answers (read from tests, written by the event loop). */
final class FakeCounters {
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger streamsStarted = new AtomicInteger();
  final AtomicInteger streamsCompleted = new AtomicInteger();
  final AtomicInteger cancelledStreams = new AtomicInteger();
  final AtomicInteger cancelledRequests = new AtomicInteger();

  void reset() {
    requests.set(0);
    streamsStarted.set(0);
    streamsCompleted.set(0);
    cancelledStreams.set(0);
    cancelledRequests.set(0);
  }
}
