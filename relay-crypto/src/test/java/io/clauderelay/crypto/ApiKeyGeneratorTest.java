package io.clauderelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyGeneratorTest {
  private final ApiKeyGenerator generator = new ApiKeyGenerator();

  @Test
  void generatesTheDefaultPrefixAnd64LowercaseHexCharacters() {
    assertThat(generator.generate()).matches("cr_[0-9a-f]{64}").hasSize(67);
  }

  @Test
  void usesAConfiguredPrefix() {
    assertThat(new ApiKeyGenerator("sk-relay-").generate()).matches("sk-relay-[0-9a-f]{64}");
  }

  @Test
  void generatesDistinctKeys() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) keys.add(generator.generate());
    assertThat(keys).hasSize(1000);
  }

  @Test
  void generatedKeysHaveAValidShape() {
    assertThat(generator.hasValidShape(generator.generate())).isTrue();
  }

  @Test
  void acceptsAnyKeyWithThePrefixWithinTheLengthBounds() {
    assertThat(generator.hasValidShape("cr_1234567")).isTrue(); // 10 characters
    assertThat(generator.hasValidShape("cr_" + "a".repeat(509))).isTrue(); // 512 characters
  }

  @Test
  void rejectsKeysOutsideTheLengthBounds() {
    assertThat(generator.hasValidShape("cr_123456")).isFalse(); // 9 characters
    assertThat(generator.hasValidShape("cr_" + "a".repeat(510))).isFalse(); // 513 characters
  }

  @Test
  void rejectsKeysWithoutThePrefix() {
    assertThat(generator.hasValidShape("sk-ant-0123456789abcdef")).isFalse();
    assertThat(new ApiKeyGenerator("sk-relay-").hasValidShape(generator.generate())).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(generator.hasValidShape(null)).isFalse();
  }

  @Test
  void rejectsAnEmptyOrPaddedPrefix() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeyGenerator(""));
    assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeyGenerator(" cr_"));
  }

  @Test
  void rejectsAPrefixSoLongThatGeneratedKeysWouldExceedTheMaximum() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ApiKeyGenerator("p".repeat(449)))
        .withMessageContaining("API_KEY_PREFIX");
    assertThat(new ApiKeyGenerator("p".repeat(448)).generate()).hasSize(512);
  }
}
