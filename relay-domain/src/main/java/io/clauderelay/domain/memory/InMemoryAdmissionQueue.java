package io.clauderelay.domain.memory;

import io.clauderelay.domain.admission.QueueEntry;
import io.clauderelay.domain.port.AdmissionQueue;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The admission queue of a single node: one insertion-ordered map of ticket to expiry per key. */
public final class InMemoryAdmissionQueue implements AdmissionQueue {
  private final Map<String, LinkedHashMap<String, Instant>> lines = new HashMap<>();

  @Override
  public synchronized CompletionStage<QueueEntry> enter(String keyId, String ticket, int maxSize, Instant now,
      Instant expiresAt, boolean mustWait) {
    LinkedHashMap<String, Instant> line = live(keyId, now);
    int place = indexOf(line, ticket);
    if (place >= 0) return done(new QueueEntry.Waiting(place));
    if (line.isEmpty() && !mustWait) return done(new QueueEntry.Pass());
    if (line.size() >= maxSize) return done(new QueueEntry.Full(line.size()));
    int ahead = line.size();
    line.put(ticket, expiresAt);
    lines.put(keyId, line);
    return done(new QueueEntry.Waiting(ahead));
  }

  @Override
  public synchronized CompletionStage<Integer> ahead(String keyId, String ticket, Instant now) {
    return done(indexOf(live(keyId, now), ticket));
  }

  @Override
  public synchronized CompletionStage<Void> leave(String keyId, String ticket) {
    LinkedHashMap<String, Instant> line = lines.get(keyId);
    if (line != null) {
      line.remove(ticket);
      if (line.isEmpty()) lines.remove(keyId);
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Integer> length(String keyId, Instant now) {
    return done(live(keyId, now).size());
  }

  private LinkedHashMap<String, Instant> live(String keyId, Instant now) {
    LinkedHashMap<String, Instant> line = lines.getOrDefault(keyId, new LinkedHashMap<>());
    line.values().removeIf(expiry -> !expiry.isAfter(now));
    return line;
  }

  private static int indexOf(LinkedHashMap<String, Instant> line, String ticket) {
    int i = 0;
    for (Iterator<String> it = line.keySet().iterator(); it.hasNext(); i++) {
      if (it.next().equals(ticket)) return i;
    }
    return -1;
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
