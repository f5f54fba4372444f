package io.clauderelay.crypto.crs;

import io.clauderelay.domain.port.KeyHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * CRS's API key hash: hex SHA-256 over the plaintext key immediately followed by CRS's
 * {@code ENCRYPTION_KEY} string as configured. Kept only to recognise keys CRS issued.
 */
public final class CrsKeyHasher implements KeyHasher {
  /** The prefix an imported key's stored hash carries until its first use moves it to ours. */
  public static final String LEGACY_PREFIX = "crs-sha256:";

  private final byte[] suffix;

  public CrsKeyHasher(String crsEncryptionKey) {
    this.suffix = Objects.requireNonNull(crsEncryptionKey, "crsEncryptionKey").getBytes(StandardCharsets.UTF_8);
  }

  /** CRS's own hash (as in its {@code apikey:hash_map}). */
  @Override
  public String hash(String plaintextKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(plaintextKey.getBytes(StandardCharsets.UTF_8));
      sha.update(suffix);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The value stored in {@code ApiKey.hash} for a key CRS issued with this hash. */
  public static String legacyHash(String crsHash) {
    return LEGACY_PREFIX + crsHash;
  }

  /** The stored legacy form of this plaintext key's CRS hash. */
  public String legacyHashOf(String plaintextKey) {
    return legacyHash(hash(plaintextKey));
  }
}
