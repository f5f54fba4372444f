package io.clauderelay.domain.account;

import io.clauderelay.domain.failure.Failure;

/** The scheduler's answer: the account to use, or why there is none. */
public sealed interface ScheduleResult permits ScheduleResult.Chosen, ScheduleResult.NoAccount {

  /**
   * The account to send the request to and the model name to send upstream (after the account's
   * mapping). {@code sticky} is true when the conversation's existing sticky account was kept, so
   * the caller renews the mapping instead of writing a new one.
   */
  record Chosen(Account account, String upstreamModel, boolean sticky) implements ScheduleResult {}

  /** No eligible account; the failure (PROVIDER_NO_ACCOUNT) says why in words a user can act on. */
  record NoAccount(Failure failure) implements ScheduleResult {}
}
