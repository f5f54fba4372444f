package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HmacKeyHasherTest {
  private final HmacKeyHasher hasher = new HmacKeyHasher(EncryptionKey.parse(EncryptionKeyTest.MASTER_HEX));

  @Test
  void hashesAsHmacSha256UnderTheKeyHashSubKey() {
    // Computed independently: hmac.new(KEY_HASH_SUBKEY, b"cr_test-key", sha256).hexdigest()
    assertThat(hasher.hash("cr_test-key"))
        .isEqualTo("d3c481c012f7e17beb50da140a16014c03e9975a9311d92c138582056e1a7121");
  }

  @Test
  void isDeterministicLowercaseHexOf64Characters() {
    String first = hasher.hash("cr_abc");
    assertThat(first).matches("[0-9a-f]{64}").isEqualTo(hasher.hash("cr_abc"));
  }

  @Test
  void differentKeysHashDifferently() {
    assertThat(hasher.hash("cr_abc")).isNotEqualTo(hasher.hash("cr_abd"));
  }

  @Test
  void aDifferentEncryptionKeyGivesADifferentHash() {
    HmacKeyHasher other = new HmacKeyHasher(EncryptionKey.ofBytes(new byte[32]));
    assertThat(other.hash("cr_abc")).isNotEqualTo(hasher.hash("cr_abc"));
  }

  @Test
  void givesTheSameAnswersUnderConcurrentUse() throws Exception {
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) inputs.add("cr_key-" + i);
    List<String> expected = inputs.stream()
        .map(new HmacKeyHasher(EncryptionKey.parse(EncryptionKeyTest.MASTER_HEX))::hash).toList();

    Set<String> mismatches = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(() -> {
          for (int round = 0; round < 50; round++) {
            for (int i = 0; i < inputs.size(); i++) {
              if (!hasher.hash(inputs.get(i)).equals(expected.get(i))) mismatches.add(inputs.get(i));
            }
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void toStringRevealsNoKeyMaterial() {
    assertThat(hasher.toString()).isEqualTo("HmacKeyHasher[HMAC-SHA-256]");
  }
}
