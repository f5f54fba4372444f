package io.clauderelay.domain.pricing;

import java.time.Instant;
import java.util.Objects;

/**
 * A price file one node fetched and shared with the others: where it came from, when, its
 * SHA-256 (hex) and the LiteLLM-schema JSON itself.
 */
public record PriceFile(Stamp stamp, String json) {

  /** What identifies a fetched file without its (large) body. */
  public record Stamp(String source, Instant fetchedAt, String sha256) {
    public Stamp {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(fetchedAt, "fetchedAt");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  public PriceFile {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(json, "json");
  }

  /** Never the body: it is large. */
  @Override
  public String toString() {
    return "PriceFile[" + stamp + ", " + json.length() + " chars]";
  }
}
