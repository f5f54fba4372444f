package io.clauderelay.server.http;

/** Which API a route speaks, and so which error shape its clients understand. */
public enum ApiFamily {
  ANTHROPIC, OPENAI, GEMINI, ADMIN;

  /** The family of a request path, by its mount prefix. */
  public static ApiFamily ofPath(String path) {
    if (path == null) return ANTHROPIC;
    if (path.startsWith("/openai/") || path.startsWith("/api/v1/chat/") || path.startsWith("/api/v1/completions")) {
      return OPENAI;
    }
    if (path.startsWith("/gemini/")) return GEMINI;
    if (path.startsWith("/admin") || path.startsWith("/web/") || path.startsWith("/apiStats")) return ADMIN;
    return ANTHROPIC;
  }
}
