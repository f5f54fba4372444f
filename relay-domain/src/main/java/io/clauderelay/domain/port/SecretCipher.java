package io.clauderelay.domain.port;

/** Encrypts upstream credentials at rest and decrypts them when a request needs them. */
public interface SecretCipher {
  String encrypt(String plaintext);

  /** @throws IllegalArgumentException when the ciphertext was not made with this key */
  String decrypt(String ciphertext);
}
