package io.clauderelay.domain.admission;

/** What entering a key's admission queue answered. */
public sealed interface QueueEntry permits QueueEntry.Pass, QueueEntry.Waiting, QueueEntry.Full {

  /** Nobody waits: try admission directly, no ticket was taken. */
  record Pass() implements QueueEntry {}

  /** The ticket is queued with {@code ahead} tickets before it. */
  record Waiting(int ahead) implements QueueEntry {}

  /** {@code length} tickets already wait, the most allowed: refuse as over the limit. */
  record Full(int length) implements QueueEntry {}
}
