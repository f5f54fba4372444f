package io.clauderelay.server.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.key.KeyPolicy;
import io.clauderelay.domain.key.RequestFacts;
import io.clauderelay.server.auth.ClientKeyAuthenticator;
import io.clauderelay.server.http.ApiFamily;
import io.clauderelay.server.http.FailureException;
import io.clauderelay.server.http.FailureResponses;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;

/**
 * Model lists in the vendor's own format, from {@code supported_models.json}, minus what the key
 * may not use: {@code GET /openai/claude/v1/models} (OpenAI list of Claude models) and
 * {@code GET /gemini/v1beta/models} (Gemini list). Needs the provider's permission.
 */
public final class VendorModelLists {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CREATED = 1_700_000_000L;

  private final ClientKeyAuthenticator auth;
  private final ModelList models;
  private final Clock clock;

  public VendorModelLists(ClientKeyAuthenticator auth, ModelList models, Clock clock) {
    this.auth = auth;
    this.models = models;
    this.clock = clock;
  }

  private Future<ApiKey> permitted(RoutingContext rc, Provider provider) {
    return auth.authenticate(rc.request()).compose(key -> {
      RequestFacts facts = new RequestFacts(provider, null, rc.request().getHeader("user-agent"), true);
      Optional<Failure> refused = KeyPolicy.check(key, facts, clock.instant());
      return refused.isPresent()
          ? Future.failedFuture(new FailureException(refused.get()))
          : Future.succeededFuture(key);
    });
  }

  public void claudeAsOpenAi(RoutingContext rc) {
    permitted(rc, Provider.CLAUDE).onSuccess(key -> {
      ObjectNode root = JSON.createObjectNode().put("object", "list");
      ArrayNode data = root.putArray("data");
      for (ModelList.Entry e : models.of(Provider.CLAUDE)) {
        if (KeyPolicy.isModelBlocked(key, e.id())) continue;
        data.addObject().put("id", e.id()).put("object", "model").put("created", CREATED).put("owned_by", e.ownedBy());
      }
      send(rc, root);
    }).onFailure(err -> fail(rc, ApiFamily.OPENAI, err));
  }

  public void gemini(RoutingContext rc) {
    permitted(rc, Provider.GEMINI).onSuccess(key -> {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode list = root.putArray("models");
      for (ModelList.Entry e : models.of(Provider.GEMINI)) {
        if (KeyPolicy.isModelBlocked(key, e.id())) continue;
        ObjectNode m = list.addObject().put("name", "models/" + e.id()).put("displayName", e.id());
        ArrayNode methods = m.putArray("supportedGenerationMethods");
        methods.add("generateContent").add("streamGenerateContent").add("countTokens");
      }
      send(rc, root);
    }).onFailure(err -> fail(rc, ApiFamily.GEMINI, err));
  }

  private static void send(RoutingContext rc, ObjectNode body) {
    rc.response().putHeader("content-type", "application/json").end(body.toString());
  }

  private static void fail(RoutingContext rc, ApiFamily family, Throwable err) {
    if (err instanceof FailureException fe) FailureResponses.send(rc.response(), family, fe.failure());
    else rc.fail(err);
  }
}
