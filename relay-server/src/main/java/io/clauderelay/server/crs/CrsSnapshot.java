package io.clauderelay.server.crs;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the import reads from CRS, read once before anything is written: raw hashes as CRS
 * wrote them (decoding and decryption happen later), grouped by key id for usage.
 */
final class CrsSnapshot {
  record RawAccount(CrsAccountKind kind, String id, Map<String, String> fields) {}

  record Group(String id, String name, String platform, Set<String> members) {}

  /** One key's usage buckets as {@code model|period → hash} and its recent records (JSON texts). */
  static final class KeyUsage {
    final Map<String, Map<String, String>> daily = new TreeMap<>();
    final Map<String, Map<String, String>> monthly = new TreeMap<>();
    final Map<String, Map<String, String>> alltime = new TreeMap<>();
    final List<String> records = new ArrayList<>();
    Optional<String> totalCost = Optional.empty();
  }

  Optional<Map<String, String>> admin = Optional.empty();
  /** CRS's alert settings (webhook_config:default, plain JSON in CRS). */
  Optional<String> webhook = Optional.empty();
  final List<RawAccount> accounts = new ArrayList<>();
  final Map<String, Group> groups = new TreeMap<>();
  final Map<String, Map<String, String>> keys = new LinkedHashMap<>();
  final Map<String, KeyUsage> usage = new TreeMap<>();

  static CrsSnapshot read(CrsSource src) throws CrsImportException {
    CrsSnapshot s = new CrsSnapshot();
    Map<String, String> admin = src.hash("session:admin_credentials");
    if (!admin.isEmpty()) s.admin = Optional.of(admin);
    s.webhook = src.string("webhook_config:default");
    for (String gid : src.members("account_groups")) {
      Map<String, String> g = src.hash("account_group:" + gid);
      s.groups.put(gid, new Group(gid, CrsValues.text(g, "name"), CrsValues.text(g, "platform"),
          new TreeSet<>(src.members("account_group_members:" + gid))));
    }
    for (CrsAccountKind kind : CrsAccountKind.values()) {
      for (String redisKey : src.keys(kind.prefix + "*")) {
        Optional<String> id = kind.idOf(redisKey);
        if (id.isEmpty()) continue;
        // Bedrock keeps a whole account as one JSON string; the others are hashes.
        Map<String, String> fields = src.type(redisKey).equals("hash")
            ? src.hash(redisKey)
            : jsonFields(src.string(redisKey));
        s.accounts.add(new RawAccount(kind, id.get(), fields));
      }
    }
    for (String redisKey : src.keys("apikey:*")) {
      String id = redisKey.substring("apikey:".length());
      if (id.contains(":") || id.equals("hash_map") || !src.type(redisKey).equals("hash")) continue;
      s.keys.put(id, src.hash(redisKey));
    }
    Map<String, Map<String, String>> names = new TreeMap<>(); // keyId -> redis key -> "d|bucket" etc.
    for (String id : s.keys.keySet()) {
      s.usage.put(id, new KeyUsage());
      names.put(id, new LinkedHashMap<>());
    }
    bucketNames(src, names, ":model:daily:", "d");
    bucketNames(src, names, ":model:monthly:", "m");
    bucketNames(src, names, ":model:alltime:", "a");
    for (Map.Entry<String, Map<String, String>> e : names.entrySet()) {
      // One transaction per key: its buckets, records and total cost as of one instant.
      List<String> redisKeys = new ArrayList<>(e.getValue().keySet());
      List<Request> reads = new ArrayList<>();
      for (String k : redisKeys) reads.add(Request.cmd(Command.HGETALL).arg(k));
      reads.add(Request.cmd(Command.LRANGE).arg("usage:records:" + e.getKey()).arg(0).arg(-1));
      reads.add(Request.cmd(Command.GET).arg("usage:cost:total:" + e.getKey()));
      List<Response> replies = src.atomically(reads);
      KeyUsage u = s.usage.get(e.getKey());
      for (int i = 0; i < redisKeys.size(); i++) {
        String tagged = e.getValue().get(redisKeys.get(i));
        Map<String, String> h = CrsSource.hashOf(replies.get(i));
        if (h.isEmpty()) continue; // expired between the scan and the read
        String bucket = tagged.substring(2);
        (tagged.startsWith("d") ? u.daily : tagged.startsWith("m") ? u.monthly : u.alltime).put(bucket, h);
      }
      Response records = replies.get(redisKeys.size());
      if (records != null) for (Response r : records) u.records.add(r.toString());
      Response total = replies.get(redisKeys.size() + 1);
      u.totalCost = total == null ? Optional.empty() : Optional.of(total.toString());
    }
    return s;
  }

  /** Only the name of an account CRS keeps as one JSON string (Bedrock): it is reported, not imported. */
  /** A whole account kept as one JSON string (Bedrock): its top-level fields as CRS's hashes hold them, as text. */
  private static Map<String, String> jsonFields(Optional<String> json) {
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      JsonNode n = json.isEmpty() ? null : CrsValues.JSON.readTree(json.get());
      if (n == null || !n.isObject()) return Map.of("name", "");
      n.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull())
          fields.put(f.getKey(), f.getValue().isValueNode()
              ? f.getValue().asText()
              : f.getValue().toString());
      });
      return fields;
    } catch (java.io.IOException e) {
      return Map.of("name", "");
    }
  }

  /** {@code usage:<keyId><infix><model>[:<period>]}; a model name may itself hold ':' (the period never does). */
  private static void bucketNames(CrsSource src, Map<String, Map<String, String>> names, String infix, String level)
      throws CrsImportException {
    for (String redisKey : src.keys("usage:*" + infix + "*")) {
      int at = redisKey.indexOf(infix);
      Map<String, String> ofKey = names.get(redisKey.substring("usage:".length(), at));
      if (ofKey == null) continue; // usage of a key CRS no longer has
      String rest = redisKey.substring(at + infix.length());
      if (level.equals("a")) {
        ofKey.put(redisKey, level + "|" + rest + "|");
      } else {
        int colon = rest.lastIndexOf(':');
        if (colon > 0) ofKey.put(redisKey, level + "|" + rest.substring(0, colon) + "|" + rest.substring(colon + 1));
      }
    }
  }
}
