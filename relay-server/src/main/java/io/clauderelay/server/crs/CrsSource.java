package io.clauderelay.server.crs;

import io.clauderelay.redis.RedisConnector;
import io.clauderelay.redis.RedisSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Read-only access to a live CRS Redis for the import command: blocking calls, made from the
 * command's own thread (never an event loop), each bounded by a timeout. Only reads: SCAN, HGETALL,
 * GET, SMEMBERS, TYPE, and LRANGE inside MULTI; CRS keeps serving while it runs.
 */
final class CrsSource implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 15;

  private final Redis client;

  private CrsSource(Redis client) {
    this.client = client;
  }

  /** Connects and pings; an unreachable or refusing Redis is one clear line, without the password. */
  static CrsSource open(Vertx vertx, RedisSettings settings) throws CrsImportException {
    CrsSource s = new CrsSource(RedisConnector.client(vertx, settings));
    try {
      s.call(Request.cmd(Command.PING));
    } catch (CrsImportException e) {
      s.close();
      throw new CrsImportException("cannot read the CRS Redis at " + settings.describe() + ": " + e.getMessage());
    }
    return s;
  }

  /** Every key matching the pattern, sorted (SCAN, so a large CRS is not blocked). */
  List<String> keys(String pattern) throws CrsImportException {
    TreeSet<String> out = new TreeSet<>();
    String cursor = "0";
    do {
      Response r = call(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000));
      cursor = r.get(0).toString();
      for (Response k : r.get(1)) out.add(k.toString());
    } while (!cursor.equals("0"));
    return new ArrayList<>(out);
  }

  Map<String, String> hash(String key) throws CrsImportException {
    return hashOf(call(Request.cmd(Command.HGETALL).arg(key)));
  }

  /** A HGETALL reply as a map, RESP2 (flat) or RESP3 (map). */
  static Map<String, String> hashOf(Response r) {
    Map<String, String> m = new LinkedHashMap<>();
    if (r == null) return m;
    if (r.isMap()) {
      for (String k : r.getKeys()) m.put(k, r.get(k).toString());
    } else {
      for (int i = 0; i + 1 < r.size(); i += 2) m.put(r.get(i).toString(), r.get(i + 1).toString());
    }
    return m;
  }

  Optional<String> string(String key) throws CrsImportException {
    Response r = call(Request.cmd(Command.GET).arg(key));
    return r == null ? Optional.empty() : Optional.of(r.toString());
  }

  String type(String key) throws CrsImportException {
    Response r = call(Request.cmd(Command.TYPE).arg(key));
    return r == null ? "none" : r.toString();
  }

  List<String> members(String key) throws CrsImportException {
    Response r = call(Request.cmd(Command.SMEMBERS).arg(key));
    TreeSet<String> out = new TreeSet<>();
    if (r != null) for (Response m : r) out.add(m.toString());
    return new ArrayList<>(out);
  }

  /**
   * The replies of {@code requests} read at one instant (MULTI … EXEC on one connection), so that a
   * key's usage buckets and records agree with each other while CRS keeps serving.
   */
  List<Response> atomically(List<Request> requests) throws CrsImportException {
    if (requests.isEmpty()) return List.of();
    List<Request> batch = new ArrayList<>();
    batch.add(Request.cmd(Command.MULTI));
    batch.addAll(requests);
    batch.add(Request.cmd(Command.EXEC));
    Future<List<Response>> f = client.connect().compose(conn -> conn.batch(batch).eventually(conn::close));
    List<Response> replies = await(f);
    Response exec = replies.get(replies.size() - 1);
    if (exec == null) throw new CrsImportException("a transaction was aborted");
    List<Response> out = new ArrayList<>();
    for (Response r : exec) out.add(r);
    return out;
  }

  private Response call(Request request) throws CrsImportException {
    return await(client.send(request));
  }

  private static <T> T await(Future<T> f) throws CrsImportException {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CrsImportException("no answer within " + TIMEOUT_SECONDS + " s");
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new CrsImportException(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrsImportException("interrupted");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
