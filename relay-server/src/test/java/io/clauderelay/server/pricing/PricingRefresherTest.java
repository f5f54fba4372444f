package io.clauderelay.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.memory.InMemorySharedPriceFile;
import io.clauderelay.domain.pricing.MapPriceCatalog;
import io.clauderelay.server.fake.FakePriceFileServer;
import io.clauderelay.server.oauth.ClusterLock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh schedule and the sharing between nodes, with a clock the test moves: a file is
 * fetched when the shared copy is older than the interval, by the lock holder only; the other
 * nodes load the shared copy without fetching.
 */
class PricingRefresherTest {
  static final String SONNET = "claude-sonnet-4-5-20250929";

  final Vertx vertx = Vertx.vertx();
  final HttpClientAgent http = vertx.createHttpClient();
  final FakePriceFileServer server = new FakePriceFileServer();
  final InMemorySharedPriceFile shared = new InMemorySharedPriceFile();
  Instant now = Instant.parse("2026-03-01T10:00:00Z");

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  static ClusterLock lock(boolean granted) {
    return new ClusterLock() {
      @Override
      public CompletionStage<Boolean> tryLock(String name, String owner, Duration ttl) {
        return CompletableFuture.completedFuture(granted);
      }

      @Override
      public CompletionStage<Void> unlock(String name, String owner) {
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  PricingRefresher node(PriceCatalogHolder holder, boolean lockHolder) {
    return new PricingRefresher(vertx, http, Optional.of(URI.create(server.url())), Duration.ofMinutes(60), holder,
        "bundled",
        shared, lock(lockHolder), clock());
  }

  static boolean fails(io.vertx.core.Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
      return false;
    } catch (Throwable expected) {
      return true;
    }
  }

  static long inputPicos(PriceCatalogHolder h) {
    return h.find(SONNET).orElseThrow().base().input();
  }

  @Test
  void theFileIsFetchedAgainOnlyOnceTheIntervalHasPassed() throws Exception {
    server.serve(FakePriceFileServer.file(SONNET, "0.00001", "0.0001"));
    PriceCatalogHolder holder = new PriceCatalogHolder(MapPriceCatalog.empty());
    PricingRefresher refresher = node(holder, true);

    refresher.check().await(10, TimeUnit.SECONDS);
    assertThat(server.fetches()).isEqualTo(1);
    assertThat(inputPicos(holder)).isEqualTo(10_000_000);
    assertThat(refresher.status().source()).isEqualTo(server.url());

    server.serve(FakePriceFileServer.file(SONNET, "0.00002", "0.0001"));
    now = now.plus(Duration.ofMinutes(59));
    refresher.check().await(10, TimeUnit.SECONDS);
    assertThat(server.fetches()).as("59 minutes later: not due").isEqualTo(1);

    now = now.plus(Duration.ofMinutes(1));
    refresher.check().await(10, TimeUnit.SECONDS);
    assertThat(server.fetches()).as("60 minutes later: due").isEqualTo(2);
    assertThat(inputPicos(holder)).isEqualTo(20_000_000);
  }

  @Test
  void aNodeWithoutTheLockLoadsTheSharedCopyAndNeverFetches() throws Exception {
    server.serve(FakePriceFileServer.file(SONNET, "0.00001", "0.0001"));
    PriceCatalogHolder leaderPrices = new PriceCatalogHolder(MapPriceCatalog.empty());
    PriceCatalogHolder followerPrices = new PriceCatalogHolder(MapPriceCatalog.empty());
    PricingRefresher leader = node(leaderPrices, true);
    PricingRefresher follower = node(followerPrices, false);

    follower.check().await(10, TimeUnit.SECONDS);
    assertThat(followerPrices.size()).as("nothing shared yet, and not the lock holder").isZero();
    leader.check().await(10, TimeUnit.SECONDS);
    follower.check().await(10, TimeUnit.SECONDS);

    assertThat(server.fetches()).isEqualTo(1);
    assertThat(inputPicos(followerPrices)).isEqualTo(10_000_000);
    assertThat(follower.status().sha256()).isEqualTo(leader.status().sha256()).isNotEmpty();
  }

  @Test
  void aBadOrUnreachableFileKeepsTheLastGoodCatalogAndSaysWhy() throws Exception {
    server.serve(FakePriceFileServer.file(SONNET, "0.00001", "0.0001"));
    PriceCatalogHolder holder = new PriceCatalogHolder(MapPriceCatalog.empty());
    PricingRefresher refresher = node(holder, true);
    refresher.fetch().await(10, TimeUnit.SECONDS);

    for (Runnable breakIt : new Runnable[]{() -> server.fail(200, "<html>not json</html>"), () -> server.serve("{}"),
        () -> server.fail(404, "Not Found"), server::close}) {
      breakIt.run();
      assertThat(fails(refresher.fetch())).isTrue();
      assertThat(inputPicos(holder)).isEqualTo(10_000_000);
      assertThat(refresher.status().source()).isEqualTo(server.url());
      assertThat(refresher.status().lastError()).isNotBlank();
    }
  }
}
