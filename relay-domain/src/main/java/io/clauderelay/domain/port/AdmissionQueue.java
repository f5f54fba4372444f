package io.clauderelay.domain.port;

import io.clauderelay.domain.admission.QueueEntry;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The first-come-first-served line of requests waiting for a key's concurrency slot, shared by
 * every node. A ticket only holds a place: its request takes a lease through {@link AdmissionStore}
 * when it is first in line. A ticket past its {@code expiresAt} (its request timed out, or its node
 * died) leaves the line by itself.
 */
public interface AdmissionQueue {

  /**
   * Queues {@code ticket} behind the tickets already waiting. Without {@code mustWait} and with
   * nobody waiting it answers {@link QueueEntry.Pass} and queues nothing (the request tries its lease
   * first); with {@code maxSize} tickets already waiting it answers {@link QueueEntry.Full}.
   * Entering again with a queued ticket answers its place (idempotent).
   */
  CompletionStage<QueueEntry> enter(String keyId, String ticket, int maxSize, Instant now, Instant expiresAt,
      boolean mustWait);

  /** How many live tickets are before {@code ticket}; -1 when it is not (or no longer) queued. */
  CompletionStage<Integer> ahead(String keyId, String ticket, Instant now);

  /** Takes {@code ticket} out of the line (admitted, timed out, client gone). Idempotent. */
  CompletionStage<Void> leave(String keyId, String ticket);

  /** How many live tickets wait on the key. */
  CompletionStage<Integer> length(String keyId, Instant now);
}
