package io.clauderelay.domain.port;

import io.clauderelay.domain.account.Account;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Stores the configuration of upstream accounts (credentials stay encrypted). */
public interface AccountStore {

  CompletionStage<Void> save(Account account);

  CompletionStage<Optional<Account>> findById(String id);

  CompletionStage<List<Account>> list();

  CompletionStage<Boolean> delete(String id);
}
