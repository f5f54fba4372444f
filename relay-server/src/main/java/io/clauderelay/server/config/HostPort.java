package io.clauderelay.server.config;

/** A network endpoint written as {@code host:port} (IPv6 as {@code [::1]:26379}). */
public record HostPort(String host, int port) {

  /** Parses one {@code host:port}; returns null when the text is not of that form, so the caller can name the variable. */
  static HostPort parseOrNull(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      return null;
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isBlank() || host.contains(":") && !t.startsWith("[")) {
      return null;
    }
    try {
      int port = Integer.parseInt(t.substring(colon + 1));
      return port >= 1 && port <= 65535 ? new HostPort(host, port) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
