package io.clauderelay.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clauderelay.domain.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stored key record: defaults, defensive copies, builder round trip, permissions and rates. */
class ApiKeyTest {
  private static final Instant T = Instant.parse("2026-03-04T10:00:00Z");

  private static ApiKey fullyPopulated() {
    return ApiKey.builder("key-1", "hash-1")
        .name("CI key")
        .description("for the build farm")
        .active(false)
        .createdAt(T)
        .updatedAt(T.plusSeconds(5))
        .expiry(new Expiry(ExpirationMode.ACTIVATION, T.plusSeconds(3600), 1, false, T))
        .permissions(EnumSet.of(Provider.CLAUDE, Provider.OPENAI))
        .limits(new KeyLimits(3, 60, 100, 50_000, 2_000_000, 5_000_000, 90_000_000, 20_000_000, 7, 23))
        .modelRestriction(true, List.of("claude-opus-4-1"))
        .clientRestriction(true, Set.of(ClientKind.CLAUDE_CODE, ClientKind.CODEX_CLI))
        .bindings(Map.of(Provider.CLAUDE, "group:g1", Provider.GEMINI, "acc-9"))
        .tags(List.of("ci", "team-a"))
        .serviceRates(Map.of(Provider.CLAUDE, new BigDecimal("1.5")))
        .deletedAt(T.plusSeconds(60))
        .build();
  }

  @Test
  void toBuilderThenBuildGivesAnEqualKey() {
    ApiKey original = fullyPopulated();

    assertThat(original.toBuilder().build()).isEqualTo(original);
    assertThat(ApiKey.builder("k", "h").build().toBuilder().build()).isEqualTo(ApiKey.builder("k", "h").build());
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    ApiKey original = fullyPopulated();

    ApiKey renamed = original.toBuilder().name("renamed").build();

    assertThat(renamed.name()).isEqualTo("renamed");
    assertThat(renamed).usingRecursiveComparison().ignoringFields("name").isEqualTo(original);
  }

  @Test
  void aBareKeyHasTheDocumentedDefaults() {
    ApiKey k = ApiKey.builder("key-1", "hash-1").build();

    assertThat(k.name()).isEqualTo("Unnamed Key");
    assertThat(k.description()).isEmpty();
    assertThat(k.active()).isTrue();
    assertThat(k.deleted()).isFalse();
    assertThat(k.expiry()).isEqualTo(Expiry.NEVER);
    assertThat(k.expiry().expiresAt()).isNull();
    assertThat(k.expiry().isExpired(Instant.MAX)).isFalse();
    assertThat(k.permissions()).isEmpty();
    assertThat(k.limits()).isEqualTo(KeyLimits.NONE);
    assertThat(k.modelRestrictionEnabled()).isFalse();
    assertThat(k.restrictedModels()).isEmpty();
    assertThat(k.clientRestrictionEnabled()).isFalse();
    assertThat(k.allowedClients()).isEmpty();
    assertThat(k.bindings()).isEmpty();
    assertThat(k.tags()).isEmpty();
    assertThat(k.serviceRates()).isEmpty();
    assertThat(k.createdAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void aBlankNameBecomesUnnamedKey() {
    assertThat(ApiKey.builder("k", "h").name("   ").build().name()).isEqualTo("Unnamed Key");
    assertThat(ApiKey.builder("k", "h").name("").build().name()).isEqualTo("Unnamed Key");
  }

  @Test
  void nullCollectionsInTheCanonicalConstructorBecomeEmpty() {
    ApiKey k = new ApiKey("k", null, null, "h", true, T, T, null, null, null, false, null, false, null, null, null,
        null, null, null);

    assertThat(k.name()).isEqualTo("Unnamed Key");
    assertThat(k.description()).isEmpty();
    assertThat(k.expiry()).isEqualTo(Expiry.NEVER);
    assertThat(k.permissions()).isEmpty();
    assertThat(k.limits()).isEqualTo(KeyLimits.NONE);
    assertThat(k.restrictedModels()).isEmpty();
    assertThat(k.allowedClients()).isEmpty();
    assertThat(k.bindings()).isEmpty();
    assertThat(k.tags()).isEmpty();
    assertThat(k.serviceRates()).isEmpty();
  }

  @Test
  void idAndHashAreRequired() {
    assertThatThrownBy(() -> ApiKey.builder(null, "h").build()).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ApiKey.builder("k", null).build()).isInstanceOf(NullPointerException.class);
  }

  @Test
  void collectionsAreCopiedSoLaterChangesToTheInputsDoNotLeakIn() {
    Set<Provider> perms = new HashSet<>(Set.of(Provider.GEMINI));
    List<String> models = new ArrayList<>(List.of("m1"));
    ApiKey k = ApiKey.builder("k", "h").permissions(perms).modelRestriction(true, models).build();

    perms.add(Provider.CLAUDE);
    models.add("m2");

    assertThat(k.permissions()).containsExactly(Provider.GEMINI);
    assertThat(k.restrictedModels()).containsExactly("m1");
    assertThatThrownBy(() -> k.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void emptyPermissionsPermitEveryProvider() {
    ApiKey k = ApiKey.builder("k", "h").build();

    assertThat(Provider.values()).allMatch(k::permits);
  }

  @Test
  void listedPermissionsPermitOnlyThoseProviders() {
    ApiKey k = ApiKey.builder("k", "h").permissions(EnumSet.of(Provider.CLAUDE, Provider.GEMINI)).build();

    assertThat(k.permits(Provider.CLAUDE)).isTrue();
    assertThat(k.permits(Provider.GEMINI)).isTrue();
    assertThat(k.permits(Provider.OPENAI)).isFalse();
  }

  @Test
  void rateIsTheConfiguredMultiplierOrOne() {
    ApiKey k = fullyPopulated();

    assertThat(k.rate(Provider.CLAUDE)).isEqualByComparingTo("1.5");
    assertThat(k.rate(Provider.OPENAI)).isEqualByComparingTo("1");
    assertThat(ApiKey.builder("k", "h").build().rate(Provider.GEMINI)).isEqualByComparingTo("1");
  }

  @Test
  void deletedFollowsDeletedAt() {
    assertThat(fullyPopulated().deleted()).isTrue();
    assertThat(fullyPopulated().toBuilder().deletedAt(null).build().deleted()).isFalse();
  }

  @Test
  void activationModeNeedsAPositiveAmount() {
    assertThatThrownBy(() -> Expiry.activation(0, true)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Expiry.activation(1, true).awaitingActivation()).isTrue();
    assertThat(Expiry.fixed(T).awaitingActivation()).isFalse();
  }

  @Test
  void keyLimitsRejectNegativesAndOutOfRangeWeeklyResets() {
    assertThatThrownBy(() -> new KeyLimits(-1, 0, 0, 0, 0, 0, 0, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLimits(0, 0, 0, 0, 0, 0, 0, -1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLimits(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLimits(0, 0, 0, 0, 0, 0, 0, 0, 8, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLimits(0, 0, 0, 0, 0, 0, 0, 0, 1, 24)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new KeyLimits(0, 0, 0, 0, 0, 0, 0, 0, 7, 23).weeklyResetDay()).isEqualTo(7);
  }

  @Test
  void clientKindsAndExpirationModesParseTheirWireNames() {
    assertThat(ClientKind.parse(" Claude_Code ")).contains(ClientKind.CLAUDE_CODE);
    assertThat(ClientKind.parse("droid_cli")).isEmpty();
    assertThat(ClientKind.parse(null)).isEmpty();
    assertThat(ExpirationMode.parse("ACTIVATION")).isEqualTo(ExpirationMode.ACTIVATION);
    assertThatThrownBy(() -> ExpirationMode.parse("forever")).isInstanceOf(IllegalArgumentException.class);
  }
}
