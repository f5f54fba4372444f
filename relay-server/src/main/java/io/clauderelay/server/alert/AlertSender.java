package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message to one platform, retrying with exponential backoff (the configured first
 * delay, doubled each time) up to the configured number of tries. Everything is asynchronous: the
 * HTTP platforms on the relay's own client, SMTP on a worker thread.
 */
public final class AlertSender {
  private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);
  static final int TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final Clock clock;

  public AlertSender(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    // Its own small client: alerts must never queue behind, or take slots from, upstream traffic.
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS).setIdleTimeout(30)
        .setKeepAlive(false));
  }

  /** Sends with retries; the future fails with the last error once every try failed. */
  public Future<Void> send(ObjectNode platform, AlertMessage m, int tries, long firstDelayMs) {
    Promise<Void> done = Promise.promise();
    attempt(platform, m, 1, tries, firstDelayMs, done);
    return done.future();
  }

  private void attempt(ObjectNode p, AlertMessage m, int n, int tries, long delayMs, Promise<Void> done) {
    once(p, m).onSuccess(done::tryComplete).onFailure(err -> {
      if (n >= tries) {
        LOG.warn("alert {} to {} platform {} failed after {} tries: {}", m.type(), p.path("type").asText(),
            p.path("name").asText(p.path("id").asText("")), n, err.getMessage());
        done.tryFail(err);
        return;
      }
      vertx.setTimer(delayMs, id -> attempt(p, m, n + 1, tries, delayMs * 2, done));
    });
  }

  Future<Void> once(ObjectNode p, AlertMessage m) {
    if (p.path("type").asText().equals("smtp")) {
      return vertx.executeBlocking(() -> {
        SmtpSender.send(p, m, TIMEOUT_MS);
        return null;
      }, false);
    }
    PlatformRequests.Post post = PlatformRequests.build(p, m, clock.instant());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(post.url())
        .setTimeout(TIMEOUT_MS).putHeader("content-type", "application/json")
        .putHeader("user-agent", PlatformRequests.USER_AGENT);
    post.headers().forEach(options::putHeader);
    boolean telegram = p.path("type").asText().equals("telegram");
    return http.request(options)
        .compose(req -> req.send(Buffer.buffer(post.body())))
        .compose(resp -> resp.body().compose(body -> {
          if (resp.statusCode() < 200 || resp.statusCode() >= 300) {
            // The status only: a platform's error body may echo the URL and its token.
            return Future.failedFuture("HTTP " + resp.statusCode());
          }
          if (telegram && !body.toString().contains("\"ok\":true"))
            return Future.failedFuture("Telegram API answered ok=false");
          return Future.<Void>succeededFuture();
        }));
  }

  public Future<Void> close() {
    return http.close();
  }
}
