package io.clauderelay.server.relay;

import io.clauderelay.domain.account.SessionFacts;
import io.clauderelay.domain.account.SessionIdentity;
import java.util.Optional;
import java.util.function.Supplier;

/** The facts every relayed request has (model, stream flag, size); subclasses add the body. */
public abstract class BasicRequest implements RelayRequest {
  private final String model;
  private final boolean stream;
  private final int length;

  protected BasicRequest(String model, boolean stream, int length) {
    this.model = model;
    this.stream = stream;
    this.length = length;
  }

  @Override
  public final String model() {
    return model;
  }

  @Override
  public final boolean stream() {
    return stream;
  }

  @Override
  public final int length() {
    return length;
  }

  /**
   * The session id, reading the prompt texts only when no id field names the session: for Claude
   * Code (metadata.user_id) that skips copying the whole system prompt, a tenth of what a request
   * allocated.
   */
  protected static Optional<String> sessionId(String metadataUserId, String headerSessionId, String bodySessionId,
      Supplier<String> systemText, Supplier<String> firstUserText) {
    Optional<String> byId = SessionIdentity
        .of(new SessionFacts(metadataUserId, headerSessionId, bodySessionId, null, null));
    if (byId.isPresent()) return byId;
    return SessionIdentity.of(
        new SessionFacts(metadataUserId, headerSessionId, bodySessionId, systemText.get(), firstUserText.get()));
  }
}
