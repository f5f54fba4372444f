package io.clauderelay.domain.port;

import io.clauderelay.domain.account.SubscriptionWindow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The last usage windows each Claude subscription account reported (5-hour, weekly, per family),
 * shared by the nodes so the console shows the same on every one. A window past its reset is over
 * and is no longer answered.
 */
public interface SubscriptionWindowStore {

  /** Keeps {@code windows} for the account, each replacing the one of the same name. */
  CompletionStage<Void> record(String accountId, List<SubscriptionWindow> windows);

  /** The windows of each account still open at {@code now}, by name; accounts without any are absent. */
  CompletionStage<Map<String, List<SubscriptionWindow>>> windows(Collection<String> accountIds, Instant now);
}
