package io.clauderelay.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/** Gives every request an id, returned as {@code X-Request-ID} and used in logs and usage records. */
public final class RequestIds {
  private static final String KEY = "requestId";
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private RequestIds() {}

  /** The router-wide first handler. */
  public static void assign(RoutingContext rc) {
    String id = newId();
    rc.put(KEY, id);
    rc.response().putHeader("X-Request-ID", id);
    rc.next();
  }

  public static String of(RoutingContext rc) {
    String id = rc.get(KEY);
    return id != null ? id : newId();
  }

  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] c = new char[20];
    for (int i = 0; i < c.length; i++) c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
    return "req_" + new String(c);
  }
}
