package io.clauderelay.server.e2e;

import io.clauderelay.server.fake.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers for the concurrency queue: bodies told apart, the waiting gauge, a client that walks away. */
public final class QueueProbe {
  private QueueProbe() {}

  /** A Claude request whose user turn names it, so the fake's arrival order can be read back. */
  public static String body(int n) {
    return "{\"model\":\"" + ClaudeRelayEndToEndTest.MODEL
        + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"request " + n + "\"}]}";
  }

  /** The same as a streamed request. */
  public static String streamBody(int n) {
    return body(n).replace("\"max_tokens\":64,", "\"max_tokens\":64,\"stream\":true,");
  }

  /** The number each upstream request carried, in the order the fake received them. */
  public static List<Integer> arrivalOrder(List<RecordedRequest> requests) {
    return requests.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8))
        .map(b -> Integer.parseInt(b.replaceAll("(?s).*\"request (\\d+)\".*", "$1"))).toList();
  }

  /** {@code relay_queue_waiting} on the node's /metrics: requests it holds in a line now. */
  public static int waiting(RelayNode node) {
    for (String line : node.get("/metrics").body().split("\n")) {
      if (line.startsWith("relay_queue_waiting ")) return (int) Double.parseDouble(line.substring(20).trim());
    }
    throw new AssertionError("no relay_queue_waiting gauge");
  }

  /** One count of {@code relay_queue_wait_seconds} for an outcome, or 0. */
  public static long waits(RelayNode node, String outcome) {
    for (String line : node.get("/metrics").body().split("\n")) {
      if (line.startsWith("relay_queue_wait_seconds_count{") && line.contains("outcome=\"" + outcome + "\"")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** Waits (up to 10 s, polling) until {@code condition} holds. */
  public static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    ClaudeRelayEndToEndTest.awaitUntil(condition);
  }

  /** Sends a request on a raw connection and returns it open, unread: closing it is the client leaving. */
  public static Socket sendRaw(RelayNode node, String key, String body) {
    try {
      Socket socket = new Socket("127.0.0.1", node.app.port());
      OutputStream out = socket.getOutputStream();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(("POST /api/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + key
          + "\r\ncontent-type: application/json\r\ncontent-length: " + bytes.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
