package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.port.SettingsStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every settings store must do: absent until written, the last write wins, names are separate, text is kept byte for byte. */
public abstract class AbstractSettingsStoreContract {
  /** A fresh, empty store. */
  protected abstract SettingsStore newStore();

  @Test
  void aSettingNeverWrittenIsAbsent() {
    assertThat(newStore().get("webhook").toCompletableFuture().join()).isEmpty();
  }

  @Test
  void theLastWriteWinsAndOtherNamesAreUntouched() {
    SettingsStore store = newStore();
    store.put("webhook", "v1").toCompletableFuture().join();
    store.put("other", "x").toCompletableFuture().join();
    store.put("webhook", "v2").toCompletableFuture().join();
    assertThat(store.get("webhook").toCompletableFuture().join()).isEqualTo(Optional.of("v2"));
    assertThat(store.get("other").toCompletableFuture().join()).isEqualTo(Optional.of("x"));
  }

  @Test
  void textIsKeptExactlyIncludingUnicodeAndNewlines() {
    SettingsStore store = newStore();
    String text = "{\"名\":\"告警\",\n\"b\":\"AQID+/==\"}";
    store.put("webhook", text).toCompletableFuture().join();
    assertThat(store.get("webhook").toCompletableFuture().join()).contains(text);
  }
}
