package io.clauderelay.server.openai;

import io.clauderelay.domain.Provider;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The unified {@code /v1/chat/completions}: {@code claude-*} goes to Claude (translated),
 * {@code gemini-*} to Gemini (its OpenAI-compatible endpoint), GPT and o-series models to
 * OpenAI, anything else to the route's default family.
 */
public final class ChatCompletionsDispatch implements Handler<RoutingContext> {
  private final Handler<RoutingContext> claude;
  private final Handler<RoutingContext> openai;
  private final Handler<RoutingContext> gemini;
  private final Provider fallback;

  public ChatCompletionsDispatch(Handler<RoutingContext> claude, Handler<RoutingContext> openai,
      Handler<RoutingContext> gemini, Provider fallback) {
    this.claude = claude;
    this.openai = openai;
    this.gemini = gemini;
    this.fallback = fallback;
  }

  @Override
  public void handle(RoutingContext rc) {
    // A body without a readable model goes to the fallback, which authenticates first, then says what is wrong.
    Provider target = JsonBody.peekModel(rc).map(this::providerOf).orElse(fallback);
    switch (target) {
      case CLAUDE -> claude.handle(rc);
      case GEMINI -> gemini.handle(rc);
      default -> openai.handle(rc);
    }
  }

  private Provider providerOf(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    if (m.startsWith("claude")) return Provider.CLAUDE;
    if (m.startsWith("gemini")) return Provider.GEMINI;
    Provider byName = Provider.ofModel(model);
    // Provider.ofModel says CLAUDE when unsure; here "unsure" means the route's own default.
    return byName == Provider.OPENAI ? Provider.OPENAI : fallback;
  }
}
