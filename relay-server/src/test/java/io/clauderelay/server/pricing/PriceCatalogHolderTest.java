package io.clauderelay.server.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.domain.pricing.MapPriceCatalog;
import io.clauderelay.domain.pricing.ModelPrice;
import io.clauderelay.domain.pricing.PriceCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceCatalogHolderTest {

  private static PriceCatalog catalogWith(String model, String input) {
    return new MapPriceCatalog(Map.of(model, ModelPrice.builder(model).input(input).output("1e-5").build()));
  }

  @Test
  void delegatesToTheCurrentCatalogAndSwapsAtomically() {
    PriceCatalog old = catalogWith("gpt-5", "1e-6");
    PriceCatalogHolder holder = new PriceCatalogHolder(old);
    assertThat(holder.find("gpt-5").orElseThrow().base().input()).isEqualTo(1_000_000);

    PriceCatalog replaced = holder.replace(catalogWith("gpt-5", "2e-6"));

    assertThat(replaced).isSameAs(old);
    assertThat(holder.find("gpt-5").orElseThrow().base().input()).isEqualTo(2_000_000);
    assertThat(holder.size()).isEqualTo(1);
    assertThat(holder.entries()).containsOnlyKeys("gpt-5");
    assertThat(holder.current()).isNotSameAs(old);
  }

  @Test
  void refusesNullAndItself() {
    PriceCatalogHolder holder = new PriceCatalogHolder(MapPriceCatalog.empty());
    assertThatThrownBy(() -> holder.replace(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> holder.replace(holder)).isInstanceOf(IllegalArgumentException.class);
    assertThat(holder.size()).isZero();
  }
}
