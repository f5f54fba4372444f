package io.clauderelay.domain.account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An account's outbound proxy: kind, host, port and optional credentials, parsed from
 * {@code scheme://[user:pass@]host:port} or built from the original's object form. Its
 * {@link #toString()} masks the password, so a spec may be logged or shown; {@link #url()} carries
 * it and is only for storage.
 */
public record ProxySpec(Kind kind, String host, int port, String username, String password) {

  /** What an operator sees instead of a stored password; sending it back means "unchanged". */
  public static final String MASK = "***";

  /** What is accepted, for error messages. */
  public static final String ACCEPTED = "http://[user:pass@]host:port, https://…, socks5://…, socks5h://… or socks4://…"
      + " (or an object {type, host, port, username, password})";

  /** The proxy protocols; {@code https} is the original's name for an HTTP CONNECT proxy. */
  public enum Kind {
    HTTP("http"), HTTPS("https"), SOCKS5("socks5"), SOCKS5H("socks5h"), SOCKS4("socks4");

    private final String scheme;

    Kind(String scheme) {
      this.scheme = scheme;
    }

    public String scheme() {
      return scheme;
    }

    /** HTTP and HTTPS both speak HTTP to the proxy (CONNECT for TLS targets). */
    public boolean http() {
      return this == HTTP || this == HTTPS;
    }

    static Kind of(String scheme) {
      for (Kind k : values()) {
        if (k.scheme.equals(scheme)) return k;
      }
      return null;
    }
  }

  /** The outcome of parsing: a spec, or why the text is not one (never quoting a password). */
  public sealed interface Result permits Valid, Invalid {}

  public record Valid(ProxySpec spec) implements Result {}

  public record Invalid(String problem) implements Result {}

  public ProxySpec {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  /** Parses {@code scheme://[user[:pass]@]host:port} (trailing slash allowed); user and password may be percent-encoded. */
  public static Result parse(String text) {
    if (text == null || text.isBlank()) return new Invalid("is empty");
    String s = text.trim();
    int sep = s.indexOf("://");
    if (sep <= 0) return new Invalid("must start with a scheme such as socks5:// or http://");
    Kind kind = Kind.of(s.substring(0, sep).toLowerCase(Locale.ROOT));
    if (kind == null) return new Invalid("has an unsupported scheme: use http, https, socks5, socks5h or socks4");
    String rest = s.substring(sep + 3);
    if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
    String user = "";
    String pass = "";
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String info = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      pass = colon < 0 ? "" : decode(info.substring(colon + 1));
      if (user == null || pass == null) return new Invalid("has a malformed %-escape in its user or password");
    }
    if (rest.contains("/") || rest.contains("?") || rest.contains("#"))
      return new Invalid("must not have a path or query");
    int colon = rest.lastIndexOf(':');
    if (colon < 0 || rest.endsWith("]")) return new Invalid("must name a port (host:port)");
    return build(kind, rest.substring(0, colon), rest.substring(colon + 1), user, pass);
  }

  /** The original's object form {@code {type, host, port, username, password}}; {@code port} as text. */
  public static Result of(String type, String host, String port, String username, String password) {
    Kind kind = type == null ? null : Kind.of(type.trim().toLowerCase(Locale.ROOT));
    if (kind == null) return new Invalid("type must be http, https, socks5, socks5h or socks4");
    return build(kind, host == null ? "" : host.trim(), port == null ? "" : port.trim(), username, password);
  }

  private static Result build(Kind kind, String host, String port, String user, String pass) {
    if (!validHost(host)) return new Invalid("must name a host (a name, an IPv4 address or an [IPv6] address)");
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return new Invalid("must have a numeric port");
    }
    if (p < 1 || p > 65_535) return new Invalid("must have a port between 1 and 65535");
    if ((user == null || user.isEmpty()) && pass != null && !pass.isEmpty())
      return new Invalid("has a password but no user");
    if (kind == Kind.SOCKS4 && pass != null && !pass.isEmpty())
      return new Invalid("socks4 has no password (user only)");
    return new Valid(new ProxySpec(kind, host, p, user, pass));
  }

  /** The host without the brackets of an IPv6 literal, as a socket address wants it. */
  public String bareHost() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  public boolean hasPassword() {
    return !password.isEmpty();
  }

  public ProxySpec withPassword(String newPassword) {
    return new ProxySpec(kind, host, port, username, newPassword);
  }

  /** The full URL, password included: what is stored (encrypted), never shown. */
  public String url() {
    return render(false);
  }

  /** The URL with the password replaced by {@link #MASK}. */
  public String masked() {
    return render(true);
  }

  @Override
  public String toString() {
    return masked();
  }

  private String render(boolean mask) {
    StringBuilder b = new StringBuilder(kind.scheme).append("://");
    if (!username.isEmpty()) {
      b.append(encode(username));
      if (!password.isEmpty()) b.append(':').append(mask ? MASK : encode(password));
      b.append('@');
    }
    return b.append(host).append(':').append(port).toString();
  }

  private static boolean validHost(String h) {
    if (h.isEmpty() || h.length() > 253) return false;
    if (h.startsWith("[")) {
      if (!h.endsWith("]") || h.length() < 4) return false;
      for (char c : h.substring(1, h.length() - 1).toCharArray()) {
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return false;
      }
      return true;
    }
    for (char c : h.toCharArray()) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters, so any password survives a round trip. */
  private static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
          || c == '~') {
        b.append(c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
      }
    }
    return b.toString();
  }

  /** Null for a malformed escape. */
  private static String decode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= s.length()) return null;
      int hi = Character.digit(s.charAt(i + 1), 16);
      int lo = Character.digit(s.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) return null;
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
