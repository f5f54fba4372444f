package io.clauderelay.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.embedded.EmbeddedStore;
import io.clauderelay.embedded.StateDocument;
import io.clauderelay.redis.RedisStateTransfer;
import io.clauderelay.redis.RedisStores;
import io.clauderelay.server.alert.WebhookConfigStore;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.store.RedisBackedStores;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ./relay export [FILE]} and {@code ./relay import FILE}: the whole state of the configured
 * store (embedded or Redis) as one JSON document, so a team can back it up or move from the
 * embedded store to Redis. The embedded store must not be in use by a running relay (its lock says so).
 */
public final class StateCommands {
  public static final String DEFAULT_FILE = "relay-export.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateCommands() {}

  public static void export(RelayConfig config, Path file, PrintStream out) {
    Clock clock = Clock.systemUTC();
    ObjectNode doc = withPorts(config, clock, p -> StateDocument.export(p, clock.instant()));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      // Password hash and encrypted credentials: readable by the owner only.
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    out.println("exported " + doc.path("apiKeys").size() + " keys, " + doc.path("accounts").size() + " accounts, "
        + doc.path("usage").size() + " usage entries and " + doc.path("accountState").size()
        + " account runtime entries from the " + describe(config) + " to " + file + " (secrets stay encrypted)");
  }

  public static void importFile(RelayConfig config, Path file, PrintStream out) {
    JsonNode doc;
    try {
      doc = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + " as JSON: " + e.getMessage(), e);
    }
    Clock clock = Clock.systemUTC();
    StateDocument.Counts c = withPorts(config, clock, p -> StateDocument.load(doc, p, clock.instant()));
    out.println(
        "imported " + c.keys() + " keys, " + c.accounts() + " accounts, " + c.usageEntries() + " usage entries and "
            + c.accountStateEntries() + " account runtime entries from " + file + " into the " + describe(config));
  }

  private static String describe(RelayConfig config) {
    return config.store().mode() == StoreMode.EMBEDDED
        ? "embedded store in " + config.server().dataDir()
        : "Redis store";
  }

  /** The operator settings a document carries (their text stays encrypted as stored). */
  private static final List<String> SETTING_NAMES = List.of(WebhookConfigStore.NAME);

  private static <T> T withPorts(RelayConfig config, Clock clock, Function<StateDocument.Ports, T> work) {
    TimeBuckets buckets = new TimeBuckets(config.operations().zoneOffset());
    if (config.store().mode() == StoreMode.EMBEDDED) {
      try (EmbeddedStore s = EmbeddedStore.open(config.server().dataDir(), buckets, clock)) {
        return work.apply(new StateDocument.Ports(s.keys(), s.accounts(), s.admin(), s.accountErrors(), s, s.settings(),
            SETTING_NAMES));
      }
    }
    Vertx vertx = Vertx.vertx();
    RedisStores redis = RedisStores.create(vertx, RedisBackedStores.settings(config.store()), buckets);
    try {
      // accounts() caches its list for the relay, but every save goes to Redis before it completes.
      return work.apply(new StateDocument.Ports(redis.apiKeys(), redis.accounts(), redis.admin(), redis.accountErrors(),
          new RedisStateTransfer(redis.commands()), redis.settingsStore(), SETTING_NAMES));
    } finally {
      redis.close().toCompletableFuture().join();
      vertx.close().await();
    }
  }
}
