package io.clauderelay.server.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Serves one LiteLLM-format price file on loopback, as GitHub raw would, and counts the fetches. */
public final class FakePriceFileServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>("{}");
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger fetches = new AtomicInteger();
  private final String url;
  private boolean closed;

  public FakePriceFileServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/model_prices_and_context_window.json", ex -> {
      fetches.incrementAndGet();
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("content-type", "application/json");
      ex.sendResponseHeaders(status.get(), bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/model_prices_and_context_window.json";
  }

  /** A file pricing {@code model} at {@code input} and {@code output} dollars per token, plus any extra entries. */
  public static String file(String model, String input, String output, String... extraEntries) {
    StringBuilder b = new StringBuilder("{\"sample_spec\":{\"input_cost_per_token\":0},\"").append(model)
        .append("\":{\"litellm_provider\":\"anthropic\",\"input_cost_per_token\":").append(input)
        .append(",\"output_cost_per_token\":").append(output).append('}');
    for (String e : extraEntries) b.append(',').append(e);
    return b.append('}').toString();
  }

  public void serve(String json) {
    body.set(json);
    status.set(200);
  }

  public void fail(int httpStatus, String text) {
    body.set(text);
    status.set(httpStatus);
  }

  public int fetches() {
    return fetches.get();
  }

  public String url() {
    return url;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    server.stop(0);
  }
}
