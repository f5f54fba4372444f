package io.clauderelay.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mechanical checks of deploy/: the seed's container names and fixed addresses, the bridge subnet,
 * the Sentinel settings, the Nginx config (through {@code nginx -t} when nginx and openssl exist),
 * the Dockerfile essentials and the shell scripts' syntax. No Docker needed.
 */
class DeployFilesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DEPLOY = findDeployDir();

  /** container name -> fixed address in the 172.20.0.0/24 bridge, per the seed. */
  private static final Map<String, Map<String, String>> BRIDGE_CONTAINERS = Map.of(
      "server1.yml",
      Map.of("redis-node1", "172.20.0.2", "sentinel-node1", "172.20.0.12", "claude-relay", "172.20.0.10"),
      "server2.yml",
      Map.of("redis-node2", "172.20.0.3", "sentinel-node2", "172.20.0.13", "claude-relay", "172.20.0.11"));
  private static final Map<String, String> WIREGUARD_IP = Map.of(
      "server1.yml", "10.0.0.2", "server2.yml", "10.0.0.3", "bastion.yml", "10.0.0.1");

  private static Path findDeployDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy/compose"))) {
        return p.resolve("deploy");
      }
    }
    throw new IllegalStateException("deploy/compose not found above " + Path.of("").toAbsolutePath());
  }

  private static JsonNode compose(String file) throws IOException {
    return YAML.readTree(DEPLOY.resolve("compose").resolve(file).toFile());
  }

  private static String read(String relative) throws IOException {
    return Files.readString(DEPLOY.resolve(relative), StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void everyComposeFileParsesAndIsProjectClaudeRelay() throws IOException {
    try (Stream<Path> files = Files.list(DEPLOY.resolve("compose"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
      assertThat(names).containsExactly("bastion.yml", "server1.yml", "server2.yml");
      for (String n : names) {
        JsonNode c = compose(n);
        assertThat(c.path("name").asText()).as(n).isEqualTo("claude-relay");
        assertThat(c.path("services").size()).as(n).isGreaterThan(0);
      }
    }
  }

  @Test
  void relayServersUseTheSeedsNamesAddressesAndBridge() throws IOException {
    for (var e : BRIDGE_CONTAINERS.entrySet()) {
      JsonNode c = compose(e.getKey());
      JsonNode services = c.path("services");
      assertThat(services.size()).as(e.getKey()).isEqualTo(3);
      for (var container : e.getValue().entrySet()) {
        JsonNode s = services.path(container.getKey());
        assertThat(s.isMissingNode()).as(e.getKey() + " has service " + container.getKey()).isFalse();
        assertThat(s.path("container_name").asText()).isEqualTo(container.getKey());
        assertThat(s.path("networks").path("wireguard").path("ipv4_address").asText())
            .as(e.getKey() + " " + container.getKey()).isEqualTo(container.getValue());
      }
      JsonNode net = c.path("networks").path("wireguard");
      assertThat(net.path("name").asText()).isEqualTo("claude-relay_wireguard");
      assertThat(net.path("driver").asText()).isEqualTo("bridge");
      assertThat(net.path("ipam").path("config").findValues("subnet").stream().map(JsonNode::asText).toList())
          .containsExactly("172.20.0.0/24");

      String wg = WIREGUARD_IP.get(e.getKey());
      assertThat(texts(services.path("claude-relay").path("ports"))).containsExactly(wg + ":3000:3000");
      String redis = e.getKey().equals("server1.yml") ? "redis-node1" : "redis-node2";
      String sentinel = e.getKey().equals("server1.yml") ? "sentinel-node1" : "sentinel-node2";
      assertThat(texts(services.path(redis).path("ports"))).containsExactly(wg + ":6379:6379");
      assertThat(texts(services.path(sentinel).path("ports"))).containsExactly(wg + ":26379:26379");
      assertThat(services.path(redis).path("environment").path("ANNOUNCE_IP").asText()).isEqualTo(wg);
      assertThat(services.path(sentinel).path("environment").path("ANNOUNCE_IP").asText()).isEqualTo(wg);
      assertThat(services.path(sentinel).path("environment").path("MASTER_IP").asText()).isEqualTo("10.0.0.2");
      assertThat(services.path(sentinel).path("command").toString()).contains("--sentinel");

      JsonNode relayEnv = services.path("claude-relay").path("environment");
      assertThat(relayEnv.path("REDIS_SENTINEL_ENABLED").asText()).isEqualTo("true");
      assertThat(relayEnv.path("REDIS_SENTINEL_HOSTS").asText())
          .isEqualTo("10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379");
      assertThat(relayEnv.path("REDIS_SENTINEL_MASTER_NAME").asText()).isEqualTo("mymaster");
      assertThat(relayEnv.path("NODE_ENV").asText()).isEqualTo("production");
      assertThat(relayEnv.path("HOST").asText()).isEqualTo("0.0.0.0");
      assertThat(relayEnv.path("TRUST_PROXY").asText()).isEqualTo("true");
      assertThat(texts(services.path("claude-relay").path("volumes"))).contains("../data:/app/data",
          "../logs:/app/logs");
    }
    // The initial master is redis-node1 on server1; redis-node2 starts as its replica.
    assertThat(compose("server1.yml").path("services").path("redis-node1").path("environment").has("REPLICAOF"))
        .isFalse();
    assertThat(
        compose("server2.yml").path("services").path("redis-node2").path("environment").path("REPLICAOF").asText())
        .isEqualTo("10.0.0.2 6379");
  }

  @Test
  void bastionRunsSentinel3AndNginxOnTheHostNetworkWithoutThePaymentApp() throws IOException {
    JsonNode services = compose("bastion.yml").path("services");
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("sentinel-node3", "nginx-lb");
    for (String n : names) {
      assertThat(services.path(n).path("container_name").asText()).isEqualTo(n);
      assertThat(services.path(n).path("network_mode").asText()).isEqualTo("host");
    }
    JsonNode env = services.path("sentinel-node3").path("environment");
    assertThat(env.path("ANNOUNCE_IP").asText()).isEqualTo("10.0.0.1");
    assertThat(env.path("MASTER_IP").asText()).isEqualTo("10.0.0.2");
    assertThat(env.path("BIND").asText()).doesNotContain("0.0.0.0");
    assertThat(texts(services.path("nginx-lb").path("volumes")))
        .anyMatch(v -> v.startsWith("../nginx/claude-relay.conf:/etc/nginx/conf.d/"));
    assertThat(read("compose/bastion.yml")).doesNotContainPattern("(?m)^\\s+vmq-(payment|mysql):");
  }

  @Test
  void noDockerNetworkUsesTheWireGuardRangeAndNoSecretIsInline() throws IOException {
    for (String f : List.of("server1.yml", "server2.yml", "bastion.yml")) {
      JsonNode c = compose(f);
      for (JsonNode subnet : c.findValues("subnet")) {
        assertThat(subnet.asText()).as(f).doesNotStartWith("10.0.0.").isNotEqualTo("10.0.0.0/24");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("services").fields(); it.hasNext();) {
        var service = it.next();
        if (!service.getKey().equals("nginx-lb")) { // nginx needs no secret
          assertThat(service.getValue().path("env_file").asText()).as(f + " " + service.getKey()).isEqualTo("../.env");
        }
        JsonNode env = service.getValue().path("environment");
        for (String secret : List.of("JWT_SECRET", "ENCRYPTION_KEY", "REDIS_PASSWORD", "ADMIN_PASSWORD")) {
          assertThat(env.has(secret)).as(f + " " + service.getKey() + " sets " + secret + " inline").isFalse();
        }
      }
      assertThat(read("compose/" + f))
          .doesNotContainPattern("(?i)(JWT_SECRET|ENCRYPTION_KEY|REDIS_PASSWORD)\\s*[:=]\\s*[^\\s$]");
    }
  }

  @Test
  void sentinelAndRedisTemplatesCarryTheSeedsSettings() throws IOException {
    String sentinel = read("redis/sentinel.conf.tmpl");
    assertThat(sentinel).containsPattern("(?m)^sentinel monitor mymaster @MASTER_IP@ 6379 2$");
    assertThat(sentinel).containsPattern("(?m)^sentinel down-after-milliseconds mymaster 5000$");
    assertThat(sentinel).containsPattern("(?m)^sentinel failover-timeout mymaster 10000$");
    assertThat(sentinel).containsPattern("(?m)^sentinel auth-pass mymaster \"@REDIS_PASSWORD@\"$");
    assertThat(sentinel).containsPattern("(?m)^sentinel announce-ip @ANNOUNCE_IP@$");
    assertThat(sentinel).containsPattern("(?m)^sentinel announce-port 26379$");

    String node = read("redis/redis-node.conf.tmpl");
    assertThat(node).containsPattern("(?m)^requirepass \"@REDIS_PASSWORD@\"$");
    assertThat(node).containsPattern("(?m)^masterauth \"@REDIS_PASSWORD@\"$");
    assertThat(node).containsPattern("(?m)^replica-announce-ip @ANNOUNCE_IP@$");
    assertThat(node).containsPattern("(?m)^repl-diskless-sync-delay 0$");

    // The local topology's generated sentinel config uses the same numbers.
    String local = read("local/start.sh");
    assertThat(local).contains("sentinel monitor $MASTER_NAME 127.0.0.1 $REDIS_MASTER_PORT 2",
        "sentinel down-after-milliseconds $MASTER_NAME 5000", "sentinel failover-timeout $MASTER_NAME 10000",
        "sentinel auth-pass $MASTER_NAME");
  }

  @Test
  void nginxConfigHasTheUpstreamsRetriesAndStreamingSettings() throws IOException {
    String conf = read("nginx/claude-relay.conf");
    assertThat(conf).containsPattern("server 10\\.0\\.0\\.2:3000 max_fails=\\d+ fail_timeout=\\d+s;");
    assertThat(conf).containsPattern("server 10\\.0\\.0\\.3:3000 max_fails=\\d+ fail_timeout=\\d+s;");
    for (String directive : List.of("keepalive 32;", "proxy_http_version 1.1;", "proxy_set_header Connection \"\";",
        "proxy_buffering off;", "proxy_read_timeout 600s;", "client_max_body_size 60m;",
        "proxy_next_upstream error timeout http_502 http_503 non_idempotent;", "proxy_next_upstream_tries 2;",
        "ssl_protocols TLSv1.2 TLSv1.3;", "listen 443 ssl;", "return 308 https://$host$request_uri;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "proxy_set_header X-Real-IP $remote_addr;",
        "proxy_set_header X-Forwarded-Proto $scheme;")) {
      assertThat(conf).as(directive).contains(directive);
    }
    // The Prometheus page is not exposed through the bastion (nor through the local topology's nginx).
    assertThat(conf).containsPattern("location \\^~ /metrics \\{\\s*return 404;\\s*\\}");
    assertThat(read("local/start.sh")).contains("location ^~ /metrics { return 404; }");
    // Port 80 only redirects: its server block proxies nothing.
    String port80 = conf.substring(conf.indexOf("listen 80;"), conf.indexOf("listen 443 ssl;"));
    assertThat(port80).doesNotContain("proxy_pass");
  }

  @Test
  void nginxAcceptsTheBastionConfig(@TempDir Path tmp) throws Exception {
    String nginx = which("nginx");
    String openssl = which("openssl");
    assumeTrue(nginx != null, "nginx is not installed");
    assumeTrue(openssl != null, "openssl is not installed");
    Path cert = tmp.resolve("fullchain.pem");
    Path key = tmp.resolve("privkey.pem");
    Result ssl = run(tmp, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
        "/CN=localhost",
        "-keyout", key.toString(), "-out", cert.toString());
    assertThat(ssl.code()).as(ssl.output()).isZero();

    String site = read("nginx/claude-relay.conf")
        .replace("/etc/nginx/certs/fullchain.pem", cert.toString())
        .replace("/etc/nginx/certs/privkey.pem", key.toString());
    assertThat(site).doesNotContain("/etc/nginx/certs/");
    Files.writeString(tmp.resolve("site.conf"), site);
    Files.createDirectories(tmp.resolve("temp"));
    Files.writeString(tmp.resolve("nginx.conf"), """
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events {}
        http {
          access_log off;
          client_body_temp_path %1$s/temp/body;
          proxy_temp_path %1$s/temp/proxy;
          fastcgi_temp_path %1$s/temp/fastcgi;
          uwsgi_temp_path %1$s/temp/uwsgi;
          scgi_temp_path %1$s/temp/scgi;
          include %1$s/site.conf;
        }
        """.formatted(tmp));
    Result t = run(tmp, nginx, "-t", "-p", tmp.toString(), "-e", tmp.resolve("error.log").toString(),
        "-c", tmp.resolve("nginx.conf").toString());
    assertThat(t.code()).as(t.output()).isZero();
    assertThat(t.output()).contains("test is successful");
  }

  @Test
  void dockerfileBuildsWithMavenAndRunsAsNonRootWithAHealthcheck() throws IOException {
    String d = read("Dockerfile");
    assertThat(d).containsPattern("(?m)^FROM maven:3\\.9-eclipse-temurin-17 AS build$");
    assertThat(d).contains("mvn -B -DskipTests package");
    assertThat(d).containsPattern("(?m)^FROM eclipse-temurin:17-jre$");
    assertThat(d).containsPattern("(?m)^USER relay$");
    assertThat(d).containsPattern("(?m)^EXPOSE 3000$");
    assertThat(d).containsPattern("(?m)^ENV HOST=0\\.0\\.0\\.0");
    assertThat(d).containsPattern("(?m)^HEALTHCHECK .*\\n.*/health");
    assertThat(d).contains("VOLUME [\"/app/data\", \"/app/logs\"]");
    assertThat(d).contains("exec java $JAVA_OPTS -jar /app/claude-relay.jar");
    // Only the Dockerfile's last USER matters: it must not be root.
    var users = Pattern.compile("(?m)^USER (\\S+)$").matcher(d).results().map(m -> m.group(1)).toList();
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1)).isNotIn("root", "0");
    String ignore = Files.readString(DEPLOY.getParent().resolve(".dockerignore"));
    assertThat(ignore).contains(".env", "**/target", ".git");
  }

  @Test
  void localScriptsAreExecutableAndParse() throws Exception {
    String bash = which("bash");
    assumeTrue(bash != null, "bash is not installed");
    for (String s : List.of("start.sh", "stop.sh", "status.sh", "restart.sh", "lib.sh")) {
      Path p = DEPLOY.resolve("local").resolve(s);
      assertThat(p).exists();
      if (!s.equals("lib.sh")) {
        assertThat(Files.isExecutable(p)).as(s + " is executable").isTrue();
      }
      Result r = run(DEPLOY.toAbsolutePath(), bash, "-n", p.toString());
      assertThat(r.code()).as(s + ": " + r.output()).isZero();
    }
    String sh = which("sh");
    assumeTrue(sh != null, "sh is not installed");
    Result r = run(DEPLOY.toAbsolutePath(), sh, "-n", DEPLOY.resolve("redis/render-and-run.sh").toString());
    assertThat(r.code()).as(r.output()).isZero();
  }

  private record Result(int code, String output) {}

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + out);
    }
    return new Result(p.exitValue(), out);
  }

  /** Full path of an executable on PATH (or in /usr/sbin, where Debian keeps nginx), else null. */
  private static String which(String exe) {
    List<String> dirs = new ArrayList<>(
        List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
    dirs.add("/usr/sbin");
    dirs.add("/usr/bin");
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return Path.of(dir, exe).toString();
      }
    }
    return null;
  }
}
