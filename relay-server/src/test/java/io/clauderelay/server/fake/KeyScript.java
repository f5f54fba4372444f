package io.clauderelay.server.fake;

/** Scripts the fake's answers for one credential (the upstream {@code x-api-key} or Bearer token). */
public final class KeyScript {
  private final FakeAnthropicServer fake;
  private final String key;

  KeyScript(FakeAnthropicServer fake, String key) {
    this.fake = fake;
    this.key = key;
  }

  /** Every request with this key gets {@code behaviour} (unless a one-shot is queued). */
  public FakeAnthropicServer respond(Behaviour behaviour) {
    fake.setKeyBehaviour(key, behaviour);
    return fake;
  }

  /** The next requests with this key get these answers, one each, in order; then {@link #respond}'s. */
  public FakeAnthropicServer enqueue(Behaviour... behaviours) {
    fake.enqueueForKey(key, behaviours);
    return fake;
  }
}
