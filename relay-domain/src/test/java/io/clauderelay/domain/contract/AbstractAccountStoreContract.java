package io.clauderelay.domain.contract;

import static io.clauderelay.domain.contract.AccountFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.account.AccountStatus;
import io.clauderelay.domain.account.AccountType;
import io.clauderelay.domain.account.ModelSupport;
import io.clauderelay.domain.port.AccountStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} must do, asserted through the port only. */
public abstract class AbstractAccountStoreContract {

  /** A new, empty store; called before each test. */
  protected abstract AccountStore newStore();

  protected AccountStore store;

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aSavedAccountIsFoundByIdWithEveryField() {
    Instant created = Instant.parse("2025-02-03T04:05:06.789Z");
    Account full = new Account("acc-1", AccountType.CLAUDE_OAUTH, "Team Max", "the shared one",
        "https://api.anthropic.com", "v1:iv:ciphertext", 7, true, false, AccountStatus.ERROR, "refresh failed",
        ModelSupport.map(Map.of("claude-sonnet-4", "claude-sonnet-4-20250514")), 3, 12_500_000, true,
        java.util.Set.of("team", "night"), "socks5://proxy:1080", created, created.plusSeconds(60),
        Map.of("region", "us-east5"), new io.clauderelay.domain.account.AccountProtections(true, 85, true, 30, 0,
            created.plus(java.time.Duration.ofDays(30)), 600, true, 350));
    join(store.save(full));
    assertThat(join(store.findById("acc-1"))).contains(full);

    Account listed = account("acc-2").models(ModelSupport.list(List.of("gpt-4o", "o3"))).type(AccountType.OPENAI)
        .build();
    join(store.save(listed));
    assertThat(join(store.findById("acc-2"))).contains(listed);
  }

  @Test
  void aCloudAccountKeepsItsOwnOptions() {
    Instant created = Instant.parse("2025-02-03T04:05:06Z");
    Account azure = new Account("az-1", AccountType.AZURE_OPENAI, "Azure", "", "https://r.openai.azure.com",
        "v1:iv:ciphertext", 5, true, true, AccountStatus.ACTIVE, "", ModelSupport.ALL, 0, 0, false,
        java.util.Set.of(), "", created, created,
        Map.of("deploymentName", "gpt-4o", "apiVersion", "2025-04-01-preview"),
        new io.clauderelay.domain.account.AccountProtections(false, null, false, 60, null, null, 300, false, null));
    join(store.save(azure));
    Account found = join(store.findById("az-1")).orElseThrow();
    assertThat(found).isEqualTo(azure);
    assertThat(found.option("deploymentName", null)).isEqualTo("gpt-4o");
    assertThat(found.withStatus(AccountStatus.ERROR, "x", created).options()).isEqualTo(azure.options());
    assertThat(found.withOptions(Map.of("deploymentName", "gpt-5"), created).protections())
        .as("a type's options and the account's protections are kept apart").isEqualTo(azure.protections());
  }

  @Test
  void anUnknownIdIsEmpty() {
    assertThat(join(store.findById("nope"))).isEmpty();
  }

  @Test
  void listIsInCreationOrderAndASaveReplacesInPlace() {
    join(store.save(account("c").build()));
    join(store.save(account("a").build()));
    join(store.save(account("b").build()));
    Account renamed = account("a").priority(3).schedulable(false).build();
    join(store.save(renamed));

    List<Account> all = join(store.list());
    assertThat(all).extracting(Account::id).containsExactly("c", "a", "b");
    assertThat(all.get(1)).isEqualTo(renamed);
  }

  @Test
  void anEmptyStoreListsNothing() {
    assertThat(join(store.list())).isEmpty();
  }

  @Test
  void deleteRemovesOnceAndSaysWhetherItDid() {
    join(store.save(account("a").build()));
    join(store.save(account("b").build()));
    assertThat(join(store.delete("a"))).isTrue();
    assertThat(join(store.delete("a"))).isFalse();
    assertThat(join(store.findById("a"))).isEmpty();
    assertThat(join(store.list())).extracting(Account::id).containsExactly("b");
  }
}
