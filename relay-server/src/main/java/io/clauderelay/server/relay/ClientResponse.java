package io.clauderelay.server.relay;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * Where the relay use case writes its answer to the client: a whole answer, or a head then
 * chunks with back-pressure; and the signals that the response ended or the client went away.
 * The HTTP layer adapts a server response to it ({@code http/RelayEndpoint}).
 */
public interface ClientResponse {
  /** Sends the whole answer: status, headers (in order) and body. */
  void send(int status, Map<String, String> headers, Buffer body);

  /** Sends the head of an answer whose body follows in chunks. */
  void open(int status, Map<String, String> headers);

  /** Writes one chunk; false when the client's queue is full (wait for {@link #onDrain}). */
  boolean write(Buffer chunk);

  /** Runs {@code then} once the write queue has room again. */
  void onDrain(Runnable then);

  /** Ends the answer, with a last chunk (may be null). */
  void end(Buffer last);

  boolean headWritten();

  boolean ended();

  /** Runs {@code then} when the response has been fully written. */
  void onEnded(Runnable then);

  /** Runs {@code then} when the client's connection closes (possibly before the answer ended). */
  void onClosed(Runnable then);
}
