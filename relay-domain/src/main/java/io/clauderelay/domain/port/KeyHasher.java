package io.clauderelay.domain.port;

/** Turns a plaintext relay key into the keyed hash stored and looked up; deterministic. */
public interface KeyHasher {
  String hash(String plaintextKey);
}
