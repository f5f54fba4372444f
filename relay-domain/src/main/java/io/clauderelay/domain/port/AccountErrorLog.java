package io.clauderelay.domain.port;

import io.clauderelay.domain.account.AccountErrorEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The recent cool-downs of each upstream account, shared by every node, so that an operator sees
 * why an account stepped out whichever node it failed on. Written only when an account fails
 * (never on a successful request); each account keeps its newest events up to the store's
 * capacity, older ones are dropped.
 */
public interface AccountErrorLog {
  /** How many events per account the relay's stores keep (enough to see a pattern, small enough to read at once). */
  int KEPT = 50;

  /** Adds {@code event} as the account's newest; drops its oldest beyond the capacity. */
  CompletionStage<Void> append(String accountId, AccountErrorEvent event);

  /** At most {@code limit} (and at most the capacity) of the account's events, newest first; empty when none. */
  CompletionStage<List<AccountErrorEvent>> recent(String accountId, int limit);

  /** Forgets every event of the account (operator's clear, or the account was deleted). */
  CompletionStage<Void> clear(String accountId);
}
