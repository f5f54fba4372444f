package io.clauderelay.domain.account;

/** Why an account cannot take a given request right now, in the order the scheduler checks. */
public enum Ineligibility {
  WRONG_PROVIDER, INACTIVE, EXPIRED, UNSCHEDULABLE, BAD_STATUS, MODEL_UNSUPPORTED, COOLING_DOWN, EXCLUDED, QUOTA_REACHED, AT_CAPACITY;

  /** Whether an operator must act (enable, fix) rather than wait for the account to come back. */
  public boolean needsOperator() {
    return this == INACTIVE || this == EXPIRED || this == UNSCHEDULABLE || this == BAD_STATUS;
  }
}
