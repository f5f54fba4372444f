package io.clauderelay.server.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;

/** Bridges the domain's CompletionStage ports back onto the calling Vert.x context. */
public final class Async {
  private Async() {}

  public static <T> Future<T> from(CompletionStage<T> stage) {
    Context ctx = Vertx.currentContext();
    return ctx == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, ctx);
  }
}
