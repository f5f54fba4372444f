package io.clauderelay.server.crs;

import io.clauderelay.redis.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@code import-crs}: where CRS's Redis is ({@code --from redis://[:password@]host:port[/db]}
 * or {@code --sentinels h:p,... --master NAME [--password P] [--db N]}) and {@code --dry-run}.
 */
record CrsFrom(RedisSettings settings, boolean dryRun) {
  static final String USAGE = "usage: ./relay import-crs --from redis://[:password@]host:port[/db] [--dry-run]\n"
      + "       ./relay import-crs --sentinels host:port[,host:port...] --master NAME [--password P] [--db N] [--dry-run]";

  /** Thrown for a command line that cannot be used; the message never quotes a password. */
  static final class BadArguments extends Exception {
    BadArguments(String message) {
      super(message);
    }
  }

  static CrsFrom parse(List<String> args) throws BadArguments {
    String from = null, sentinels = null, master = null, password = null, db = null;
    boolean dryRun = false;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String a = rest.remove(0);
      switch (a) {
        case "--dry-run" -> dryRun = true;
        case "--from" -> from = value(a, rest);
        case "--sentinels" -> sentinels = value(a, rest);
        case "--master" -> master = value(a, rest);
        case "--password" -> password = value(a, rest);
        case "--db" -> db = value(a, rest);
        default -> throw new BadArguments("unknown option '" + (a.startsWith("-") ? a : "…") + "'");
      }
    }
    if ((from == null) == (sentinels == null)) throw new BadArguments("give either --from or --sentinels");
    if (from != null) return new CrsFrom(url(from), dryRun);
    if (master == null || master.isBlank()) throw new BadArguments("--sentinels needs --master NAME");
    List<String> hosts = Arrays.stream(sentinels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String h : hosts) port(h.substring(h.lastIndexOf(':') + 1), "--sentinels");
    if (hosts.isEmpty()) throw new BadArguments("--sentinels needs host:port[,host:port...]");
    return new CrsFrom(RedisSettings.sentinel(hosts, master, db == null ? 0 : number(db, "--db"), password), dryRun);
  }

  private static RedisSettings url(String from) throws BadArguments {
    URI u;
    try {
      u = new URI(from);
    } catch (URISyntaxException e) {
      throw new BadArguments("--from must look like redis://[:password@]host:port[/db]");
    }
    if (!"redis".equals(u.getScheme()) || u.getHost() == null) {
      throw new BadArguments("--from must look like redis://[:password@]host:port[/db]");
    }
    String password = null;
    if (u.getRawUserInfo() != null) {
      String info = u.getRawUserInfo();
      String pw = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
      password = URLDecoder.decode(pw, StandardCharsets.UTF_8);
      if (password.isEmpty()) password = null;
    }
    String path = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
    int db = path.isEmpty() ? 0 : number(path, "the /db of --from");
    return RedisSettings.standalone(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort(), db, password);
  }

  private static String value(String option, List<String> rest) throws BadArguments {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) throw new BadArguments(option + " needs a value");
    return rest.remove(0);
  }

  private static int port(String v, String what) throws BadArguments {
    int p = number(v, what);
    if (p < 1 || p > 65535) throw new BadArguments(what + " has a port outside 1..65535");
    return p;
  }

  private static int number(String v, String what) throws BadArguments {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new BadArguments(what + " must be a number");
    }
  }
}
