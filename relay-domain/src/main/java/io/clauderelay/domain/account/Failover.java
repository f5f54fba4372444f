package io.clauderelay.domain.account;

import java.util.HashSet;
import java.util.Set;

/**
 * The failover protocol of one request (SPEC §6) as an explicit state machine. It starts
 * {@link State#CHOOSING} (an account found full is {@link #unavailable}: excluded, still choosing);
 * {@link #calling} an account moves it to {@link State#CALLING}; from there
 * the answer is {@link #served} ({@link State#SERVED}), {@link #passedBack} (the request's own
 * fault: {@link State#FAILED}), the account {@link #skipped} (it could not take the request: back to
 * choosing, no attempt counted) or it {@link #failed}: the account is excluded for this request and
 * the next one is chosen, at most {@code maxRetries} times, after which the request has
 * {@link State#FAILED} with the last upstream error. A resend on the same account (a refreshed token)
 * stays {@link State#CALLING}.
 */
public final class Failover {
  /** Where the request is in the protocol. */
  public enum State {
    CHOOSING, CALLING, SERVED, FAILED
  }

  private final int maxRetries;
  private final String stickyAccountId;
  private final Set<String> excluded = new HashSet<>();
  private State state = State.CHOOSING;
  private String current;
  private int retries;
  private UpstreamError last;
  private boolean stickyFailed;

  /** {@code stickyAccountId}: the account the conversation is bound to (nullable), forgotten if it fails. */
  public Failover(int maxRetries, String stickyAccountId) {
    if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative");
    this.maxRetries = maxRetries;
    this.stickyAccountId = stickyAccountId;
  }

  public State state() {
    return state;
  }

  /** The accounts that failed or could not take this request: the scheduler must not choose them again. */
  public Set<String> excluded() {
    return Set.copyOf(excluded);
  }

  /** The scheduler chose {@code accountId}; the request goes to it. */
  public void calling(String accountId) {
    require(State.CHOOSING);
    current = accountId;
    state = State.CALLING;
  }

  /** The chosen account turned out full before the call: excluded, no attempt counted, still choosing. */
  public void unavailable(String accountId) {
    require(State.CHOOSING);
    current = accountId;
    leaveCurrent();
  }

  /** The chosen account answered 2xx. */
  public void served() {
    require(State.CALLING);
    state = State.SERVED;
  }

  /** The answer is the request's own fault: it goes back to the client as it is. */
  public void passedBack(UpstreamError error) {
    require(State.CALLING);
    last = error;
    state = State.FAILED;
  }

  /** The chosen account could not take the request (full, no usable token): the next one, no attempt counted. */
  public void skipped() {
    require(State.CALLING);
    leaveCurrent();
    state = State.CHOOSING;
  }

  /**
   * The chosen account failed; true when another account may be tried ({@link State#CHOOSING}),
   * false when the retries are used up ({@link State#FAILED}).
   */
  public boolean failed(UpstreamError error) {
    require(State.CALLING);
    last = error;
    leaveCurrent();
    if (retries < maxRetries) {
      retries++;
      state = State.CHOOSING;
      return true;
    }
    state = State.FAILED;
    return false;
  }

  /** No account is left to choose: the request fails with the last upstream error, if there was one. */
  public void exhausted() {
    require(State.CHOOSING);
    state = State.FAILED;
  }

  /** The last upstream error (null when no upstream answered with one). */
  public UpstreamError lastError() {
    return last;
  }

  /** How many accounts an upstream call went to: 1 + the retries. */
  public int accountsTried() {
    return retries + 1;
  }

  public boolean retried() {
    return retries > 0;
  }

  /** Whether the conversation's bound account failed on this request (the binding is then forgotten). */
  public boolean stickyFailed() {
    return stickyFailed;
  }

  private void leaveCurrent() {
    excluded.add(current);
    if (current.equals(stickyAccountId)) stickyFailed = true;
    current = null;
  }

  private void require(State expected) {
    if (state != expected) throw new IllegalStateException("failover is " + state + ", not " + expected);
  }
}
