package io.clauderelay.server.relay;

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
}
