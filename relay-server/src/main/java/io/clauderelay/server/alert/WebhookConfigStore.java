package io.clauderelay.server.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.domain.port.SecretCipher;
import io.clauderelay.domain.port.SettingsStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads and writes the alert configuration through the shared settings store, encrypted whole
 * with the relay's ENCRYPTION_KEY (AES-256-GCM): bot tokens, signing secrets and SMTP passwords
 * are never at rest in the clear.
 */
public final class WebhookConfigStore {
  public static final String NAME = "webhook";
  private final SettingsStore settings;
  private final SecretCipher cipher;
  private final Clock clock;
  /** The configuration as last read from the store (a copy): what alerts use while the store is away. */
  private volatile com.fasterxml.jackson.databind.node.ObjectNode lastLoaded;

  public WebhookConfigStore(SettingsStore settings, SecretCipher cipher, Clock clock) {
    this.settings = settings;
    this.cipher = cipher;
    this.clock = clock;
  }

  public CompletionStage<WebhookConfig> load() {
    return settings.get(NAME).thenApply(stored -> {
      if (stored.isEmpty()) return WebhookConfig.defaults(clock.instant());
      try {
        JsonNode tree = WebhookConfig.JSON.readTree(cipher.decrypt(stored.get()));
        return WebhookConfig.over(tree, clock.instant());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored webhook configuration is not JSON", e);
      }
    }).thenApply(c -> {
      lastLoaded = c.root().deepCopy();
      return c;
    });
  }

  /**
   * The configuration this node read or wrote last (a copy), if any: what an alert about the
   * store's own outage is sent with while the store cannot be read.
   */
  public Optional<WebhookConfig> lastRead() {
    var last = lastLoaded;
    return last == null ? Optional.empty() : Optional.of(new WebhookConfig(last.deepCopy()));
  }

  public CompletionStage<WebhookConfig> save(WebhookConfig config) {
    config.root().put("updatedAt", clock.instant().toString());
    return settings.put(NAME, cipher.encrypt(config.root().toString())).thenApply(v -> {
      lastLoaded = config.root().deepCopy();
      return config;
    });
  }
}
