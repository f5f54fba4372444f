package io.clauderelay.server.relay;

import io.clauderelay.domain.account.SessionFacts;
import io.clauderelay.domain.account.SessionIdentity;
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
   * Session facts that read the prompt texts only when no id field names the session: for Claude
   * Code (metadata.user_id) that skips copying the whole system prompt, a tenth of what a request
   * allocated.
   */
  protected static SessionFacts sessionFacts(String metadataUserId, String headerSessionId, String bodySessionId,
      Supplier<String> systemText, Supplier<String> firstUserText) {
    SessionFacts ids = new SessionFacts(metadataUserId, headerSessionId, bodySessionId, null, null);
    if (SessionIdentity.of(ids).isPresent()) return ids;
    return new SessionFacts(metadataUserId, headerSessionId, bodySessionId, systemText.get(), firstUserText.get());
  }
}
