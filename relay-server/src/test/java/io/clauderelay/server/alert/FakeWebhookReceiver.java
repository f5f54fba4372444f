package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the chat platforms' webhook endpoints: records every POST (path, query,
 * headers, JSON body) and answers 200 {@code {"ok":true}} (what Telegram's API answers), or an error
 * for the first N posts of a path when told to.
 */
public final class FakeWebhookReceiver implements AutoCloseable {
  public record Received(String path, String query, Map<String, String> headers, String body) {
    public JsonNode json() {
      return RelayNode.json(body);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();

  public FakeWebhookReceiver() {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Map<String, String> headers = new java.util.HashMap<>();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
      received.add(new Received(req.path(), req.query(), headers, body.toString()));
      AtomicInteger fails = failFirst.get(req.path());
      if (fails != null && fails.getAndDecrement() > 0) {
        req.response().setStatusCode(500).end("{\"ok\":false}");
        return;
      }
      req.response().putHeader("content-type", "application/json").end("{\"ok\":true,\"errcode\":0,\"code\":0}");
    })).listen(0, "127.0.0.1").await();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  void failFirst(String path, int times) {
    failFirst.put(path, new AtomicInteger(times));
  }

  public List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until {@code n} posts reached {@code path}; returns them. */
  List<Received> await(String path, int n, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (at(path).size() < n && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(20);
    return at(path);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
