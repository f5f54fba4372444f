package io.clauderelay.server.relay;

/** Something that answers a relayed request: the flow itself, or a dispatcher in front of flows. */
@FunctionalInterface
public interface RelayHandler {
  void handle(Inbound request, ClientResponse response);
}
