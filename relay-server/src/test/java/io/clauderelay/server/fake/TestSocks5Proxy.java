package io.clauderelay.server.fake;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SOCKS5 proxy (RFC 1928 CONNECT, no auth or RFC 1929 username/password) on a free loopback
 * port, counting tunnels and recording the targets asked for. Names ending in {@value #PROXY_ONLY}
 * resolve to 127.0.0.1 here only, so a request that reaches such a host must have come through
 * the proxy (and the proxy did the name lookup, as socks5h).
 */
public final class TestSocks5Proxy implements AutoCloseable {
  public static final String PROXY_ONLY = ".proxy-only.test";

  private final ServerSocket server;
  private final String username;
  private final String password;
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger authFailures = new AtomicInteger();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /** Without authentication when {@code username} is null. */
  public TestSocks5Proxy(String username, String password) {
    this.username = username;
    this.password = password;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Thread accept = new Thread(this::acceptLoop, "socks5-accept");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public int tunnels() {
    return tunnels.get();
  }

  public int authFailures() {
    return authFailures.get();
  }

  /** {@code host:port} of every CONNECT asked for, as sent (names unresolved). */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  /** Resolves {@code host}, mapping the proxy-only names to loopback. */
  static InetAddress resolve(String host) throws IOException {
    return host.endsWith(PROXY_ONLY) ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "socks5-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      if (in.readUnsignedByte() != 5) throw new IOException("not SOCKS5");
      byte[] methods = in.readNBytes(in.readUnsignedByte());
      byte wanted = (byte) (username == null ? 0x00 : 0x02);
      if (!contains(methods, wanted)) {
        out.write(new byte[]{5, (byte) 0xFF});
        throw new IOException("no acceptable method");
      }
      out.write(new byte[]{5, wanted});
      if (username != null && !authenticate(in, out)) {
        authFailures.incrementAndGet();
        throw new IOException("bad credentials");
      }
      in.readUnsignedByte(); // version
      int cmd = in.readUnsignedByte();
      in.readUnsignedByte(); // reserved
      String host = switch (in.readUnsignedByte()) {
        case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
        case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
        case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
        default -> throw new IOException("bad address type");
      };
      int port = in.readUnsignedShort();
      targets.add(host + ":" + port);
      if (cmd != 1) throw new IOException("only CONNECT");
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(resolve(host), port), 5000);
      } catch (IOException refused) {
        out.write(new byte[]{5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
        throw refused;
      }
      open.add(upstream);
      tunnels.incrementAndGet();
      out.write(new byte[]{5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
      out.flush();
      pipe(upstream.getInputStream(), client.getOutputStream(), client, upstream);
      pipe(in, upstream.getOutputStream(), client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private boolean authenticate(DataInputStream in, OutputStream out) throws IOException {
    in.readUnsignedByte(); // sub-negotiation version 1
    String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
    String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
    boolean ok = user.equals(username) && pass.equals(password);
    out.write(new byte[]{1, (byte) (ok ? 0 : 1)});
    return ok;
  }

  private static void pipe(InputStream from, OutputStream to, Socket a, Socket b) {
    Thread t = new Thread(() -> {
      try {
        from.transferTo(to);
      } catch (IOException ignored) {
        // one side closed
      } finally {
        closeQuietly(a);
        closeQuietly(b);
      }
    }, "socks5-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) return true;
    }
    return false;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    open.forEach(TestSocks5Proxy::closeQuietly);
  }
}
