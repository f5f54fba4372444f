package io.clauderelay.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script from the classpath ({@code /lua/<name>.lua}) with its SHA-1, which is the id Redis
 * gives a script: EVALSHA can be tried first without a SCRIPT LOAD round trip.
 */
public record LuaScript(String name, String source, String sha) {

  public static LuaScript load(String name) {
    return fromResource(name, "/lua/" + name + ".lua");
  }

  /** A script at any classpath path (tests load the previous schema's scripts this way). */
  static LuaScript fromResource(String name, String path) {
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing script " + path);
      String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new LuaScript(name, source, sha1(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
