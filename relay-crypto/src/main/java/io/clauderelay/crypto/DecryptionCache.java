package io.clauderelay.crypto;

import io.clauderelay.domain.port.SecretCipher;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what each stored credential decrypts to, so a request does not pay an AES-GCM
 * decryption (a new {@code Cipher}, key schedule and tag check: about a twentieth of the relay's
 * per-request CPU when measured) for a credential it has already opened.
 *
 * <p>Keyed by the ciphertext itself: every encryption draws a fresh IV, so a changed credential is a
 * new key and an entry can never go stale. The plaintexts are already in this process's memory
 * whenever a request uses them; the map only keeps them longer. Bounded: past {@code maxEntries}
 * it starts over rather than track recency, since a relay has tens of accounts, not thousands.
 */
public final class DecryptionCache implements SecretCipher {
  private final SecretCipher inner;
  private final int maxEntries;
  private final ConcurrentHashMap<String, String> opened = new ConcurrentHashMap<>();

  public DecryptionCache(SecretCipher inner, int maxEntries) {
    if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1");
    this.inner = Objects.requireNonNull(inner, "inner");
    this.maxEntries = maxEntries;
  }

  @Override
  public String encrypt(String plaintext) {
    return inner.encrypt(plaintext);
  }

  /** A failure is not remembered: the same bad value fails the same way each time, with the inner message. */
  @Override
  public String decrypt(String ciphertext) {
    if (ciphertext == null) return inner.decrypt(null);
    String plain = opened.get(ciphertext);
    if (plain != null) return plain;
    plain = inner.decrypt(ciphertext);
    if (opened.size() >= maxEntries) opened.clear();
    opened.put(ciphertext, plain);
    return plain;
  }

  @Override
  public String toString() {
    return "DecryptionCache[" + inner + "]";
  }
}
