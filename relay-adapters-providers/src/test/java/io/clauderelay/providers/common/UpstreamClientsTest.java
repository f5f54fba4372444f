package io.clauderelay.providers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream clients against real local servers: HTTP/2 to a TLS upstream that offers it by
 * ALPN, HTTP/1.1 to one that does not and to plain HTTP (no h2c upgrade), and no pool cap that
 * makes a stream wait for another to end.
 */
class UpstreamClientsTest {
  private static final String PASSWORD = "test-pass";
  private Vertx vertx;
  private final List<HttpServer> servers = new ArrayList<>();
  /** Held for the whole test: Vert.x closes an HTTP client that becomes unreachable (its Cleaner). */
  private final List<UpstreamClients> clientsInUse = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aTlsUpstreamThatNegotiatesHttp2IsSpokenToInHttp2(@TempDir Path dir) throws Exception {
    Path store = keyStore(dir);
    List<HttpVersion> seen = new CopyOnWriteArrayList<>();
    int port = listen(new HttpServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(pfx(store)), seen);

    // Client headers keep the case the client sent them in; HTTP/2 wants lower case and gets it.
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("Anthropic-Version", "2023-06-01").add("X-Api-Key", "sk-ant-test").add("User-Agent", "claude-cli/1.0");
    UpstreamExchange ex = new UpstreamHttp(clients(store, 100), 30_000).send(HttpMethod.POST,
        "https://127.0.0.1:" + port + "/v1/messages", headers, Buffer.buffer("{}"), null, r -> {}).await();

    assertThat(ex.response().version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(seenHeaders).containsEntry("anthropic-version", "2023-06-01").containsEntry("x-api-key", "sk-ant-test")
        .containsEntry("user-agent", "claude-cli/1.0");
    assertThat(bodyOf(ex)).isEqualTo("event: ping\n\nevent: done\n\n");
    assertThat(seen).containsExactly(HttpVersion.HTTP_2);
  }

  @Test
  void aTlsUpstreamWithoutHttp2GetsHttp11(@TempDir Path dir) throws Exception {
    Path store = keyStore(dir);
    List<HttpVersion> seen = new CopyOnWriteArrayList<>();
    int port = listen(new HttpServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(pfx(store))
        .setAlpnVersions(List.of(HttpVersion.HTTP_1_1)), seen);

    UpstreamExchange ex = send(clients(store, 100), "https://127.0.0.1:" + port + "/v1/messages");

    assertThat(bodyOf(ex)).isEqualTo("event: ping\n\nevent: done\n\n");
    assertThat(seen).containsExactly(HttpVersion.HTTP_1_1);
  }

  @Test
  void aPlainUpstreamGetsHttp11AndNoUpgradeAttempt() {
    List<HttpVersion> seen = new CopyOnWriteArrayList<>();
    Map<String, String> upgrade = new ConcurrentHashMap<>();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> {
          seen.add(req.version());
          if (req.getHeader("upgrade") != null) upgrade.put("upgrade", req.getHeader("upgrade"));
          req.response().end("ok");
        });
    servers.add(server);
    int port = server.listen().await().actualPort();

    UpstreamExchange ex = send(held(UpstreamClients.create(vertx, 100, 5_000)),
        "http://127.0.0.1:" + port + "/v1/messages");

    assertThat(bodyOf(ex)).isEqualTo("ok");
    assertThat(seen).containsExactly(HttpVersion.HTTP_1_1);
    assertThat(upgrade).isEmpty();
  }

  /** The old client had 512 connections per host: the 513th stream waited for one to end (then a 504). */
  @Test
  void sixHundredLongStreamsToOneHostAreAllOpenAtOnce() throws Exception {
    int streams = 600;
    List<HttpServerResponse> open = new CopyOnWriteArrayList<>();
    CountDownLatch allOpen = new CountDownLatch(streams);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onSuccess(b -> {
          HttpServerResponse resp = req.response().setChunked(true);
          resp.write("event: ping\n\n");
          open.add(resp);
          allOpen.countDown();
        }));
    servers.add(server);
    int port = server.listen().await().actualPort();
    UpstreamClients clients = held(UpstreamClients.create(vertx, 2_000, 5_000));
    CountDownLatch firstBytes = new CountDownLatch(streams);
    List<Future<Buffer>> bodies = new CopyOnWriteArrayList<>();
    UpstreamHttp http = new UpstreamHttp(clients, 60_000);
    for (int i = 0; i < streams; i++) {
      http.send(HttpMethod.POST, "http://127.0.0.1:" + port + "/v1/messages", MultiMap.caseInsensitiveMultiMap(),
          Buffer.buffer("{}"), null, r -> {}).onSuccess(ex -> {
            Buffer got = Buffer.buffer();
            ex.response().handler(chunk -> {
              if (got.length() == 0) firstBytes.countDown();
              got.appendBuffer(chunk);
            });
            bodies.add(ex.response().end().map(v -> got));
            ex.response().resume();
          });
    }

    // Every stream is open upstream at the same time, and every client saw its first event.
    assertThat(allOpen.await(120, TimeUnit.SECONDS)).as("streams open upstream: %d", open.size()).isTrue();
    assertThat(firstBytes.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(open).hasSize(streams);
    open.forEach(resp -> vertx.runOnContext(v -> resp.end("event: done\n\n")));
    for (Future<Buffer> body : waitFor(bodies, streams)) {
      assertThat(body.await().toString()).isEqualTo("event: ping\n\nevent: done\n\n");
    }
  }

  private static List<Future<Buffer>> waitFor(List<Future<Buffer>> bodies, int n) throws InterruptedException {
    for (int i = 0; i < 600 && bodies.size() < n; i++) Thread.sleep(100);
    assertThat(bodies).hasSize(n);
    return bodies;
  }

  private final Map<String, String> seenHeaders = new ConcurrentHashMap<>();

  private int listen(HttpServerOptions options, List<HttpVersion> seen) {
    HttpServer server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(req -> {
      seen.add(req.version());
      req.headers().forEach(h -> seenHeaders.put(h.getKey(), h.getValue()));
      req.body().onSuccess(b -> {
        HttpServerResponse resp = req.response().setChunked(true);
        resp.write("event: ping\n\n");
        vertx.setTimer(20, t -> resp.end("event: done\n\n"));
      });
    });
    servers.add(server);
    return server.listen().await().actualPort();
  }

  private UpstreamExchange send(UpstreamClients clients, String uri) {
    UpstreamExchange ex = new UpstreamHttp(clients, 30_000).send(HttpMethod.POST, uri,
        MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json"), Buffer.buffer("{}"), null, r -> {})
        .await();
    return ex;
  }

  private static String bodyOf(UpstreamExchange ex) {
    Future<Buffer> body = ex.response().body();
    ex.response().resume();
    return body.await().toString();
  }

  private UpstreamClients clients(Path store, int max) {
    return held(UpstreamClients.create(vertx, max, 5_000, o -> o.setTrustOptions(pfx(store))));
  }

  private UpstreamClients held(UpstreamClients clients) {
    clientsInUse.add(clients);
    return clients;
  }

  private static PfxOptions pfx(Path store) {
    return new PfxOptions().setPath(store.toString()).setPassword(PASSWORD);
  }

  /** A self-signed certificate for 127.0.0.1, made by the JDK's own keytool. */
  private static Path keyStore(Path dir) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "keytool is not available");
    Path store = dir.resolve("upstream.p12");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "upstream", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return store;
  }
}
