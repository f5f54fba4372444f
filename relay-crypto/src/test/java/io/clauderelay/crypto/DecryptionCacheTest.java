package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.clauderelay.domain.port.SecretCipher;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecryptionCacheTest {
  private final AesGcmCipher aes = new AesGcmCipher(EncryptionKey.parse(EncryptionKeyTest.MASTER_HEX));
  private final AtomicInteger decryptions = new AtomicInteger();
  private final SecretCipher counting = new SecretCipher() {
    @Override
    public String encrypt(String plaintext) {
      return aes.encrypt(plaintext);
    }

    @Override
    public String decrypt(String ciphertext) {
      decryptions.incrementAndGet();
      return aes.decrypt(ciphertext);
    }
  };

  @Test
  void aCredentialIsDecryptedOnceHowEverOftenItIsUsed() {
    DecryptionCache cache = new DecryptionCache(counting, 16);
    String sealed = cache.encrypt("sk-ant-one");
    for (int i = 0; i < 5; i++) assertThat(cache.decrypt(sealed)).isEqualTo("sk-ant-one");
    assertThat(decryptions).hasValue(1);
  }

  @Test
  void aChangedCredentialIsANewCiphertextSoTheOldPlaintextIsNeverServed() {
    DecryptionCache cache = new DecryptionCache(counting, 16);
    String before = cache.encrypt("sk-ant-old");
    assertThat(cache.decrypt(before)).isEqualTo("sk-ant-old");
    String after = cache.encrypt("sk-ant-new");
    assertThat(after).isNotEqualTo(before);
    assertThat(cache.decrypt(after)).isEqualTo("sk-ant-new");
  }

  @Test
  void aValueThatFailsFailsEveryTime() {
    DecryptionCache cache = new DecryptionCache(counting, 16);
    String foreign = new AesGcmCipher(EncryptionKey.parse("ab".repeat(32))).encrypt("x");
    assertThatIllegalArgumentException().isThrownBy(() -> cache.decrypt(foreign));
    assertThatIllegalArgumentException().isThrownBy(() -> cache.decrypt(foreign));
    assertThat(decryptions).hasValue(2);
  }

  @Test
  void pastItsBoundItStartsOverAndStillAnswersCorrectly() {
    DecryptionCache cache = new DecryptionCache(counting, 2);
    String a = cache.encrypt("a");
    String b = cache.encrypt("b");
    String c = cache.encrypt("c");
    assertThat(cache.decrypt(a)).isEqualTo("a");
    assertThat(cache.decrypt(b)).isEqualTo("b");
    assertThat(cache.decrypt(c)).isEqualTo("c");
    assertThat(cache.decrypt(a)).isEqualTo("a");
    assertThat(decryptions).hasValue(4);
  }
}
