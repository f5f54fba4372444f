package io.clauderelay.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking, single-command RESP2 client for test fixtures: enough to PING, AUTH, FLUSHALL and read
 * INFO or SENTINEL replies without a Vert.x instance. Replies: String, Long, List, null; errors throw.
 */
public final class RespClient {
  private RespClient() {}

  /** Runs one command (after AUTH when a password is given) on a fresh connection. */
  public static Object call(int port, String password, String... args) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      if (password != null) {
        write(out, "AUTH", password);
        read(in);
      }
      write(out, args);
      return read(in);
    }
  }

  private static void write(OutputStream out, String... args) throws IOException {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
      b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
    }
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+' :
        return line;
      case '-' :
        throw new IOException("redis error: " + line);
      case ':' :
        return Long.parseLong(line);
      case '$' : {
        int n = Integer.parseInt(line);
        if (n < 0) return null;
        byte[] data = in.readNBytes(n);
        line(in);
        return new String(data, StandardCharsets.UTF_8);
      }
      case '*' : {
        int n = Integer.parseInt(line);
        if (n < 0) return null;
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(read(in));
        return items;
      }
      default :
        throw new IOException("unexpected RESP type " + type);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
