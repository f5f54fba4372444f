package io.clauderelay.server.openai;

import io.clauderelay.domain.Provider;
import io.clauderelay.server.relay.ClientResponse;
import io.clauderelay.server.relay.Inbound;
import io.clauderelay.server.relay.RelayHandler;
import java.util.Locale;

/**
 * The unified {@code /v1/chat/completions}: {@code claude-*} goes to Claude (translated),
 * {@code gemini-*} to Gemini (its OpenAI-compatible endpoint), GPT and o-series models to
 * OpenAI, anything else to the route's default family.
 */
public final class ChatCompletionsDispatch implements RelayHandler {
  private final RelayHandler claude;
  private final RelayHandler openai;
  private final RelayHandler gemini;
  private final Provider fallback;

  public ChatCompletionsDispatch(RelayHandler claude, RelayHandler openai, RelayHandler gemini, Provider fallback) {
    this.claude = claude;
    this.openai = openai;
    this.gemini = gemini;
    this.fallback = fallback;
  }

  @Override
  public void handle(Inbound request, ClientResponse response) {
    // A body without a readable model goes to the fallback, which authenticates first, then says what is wrong.
    Provider target = JsonBody.peekModel(request).map(this::providerOf).orElse(fallback);
    switch (target) {
      case CLAUDE -> claude.handle(request, response);
      case GEMINI -> gemini.handle(request, response);
      default -> openai.handle(request, response);
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
