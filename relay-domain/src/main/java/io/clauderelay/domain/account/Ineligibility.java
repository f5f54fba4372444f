package io.clauderelay.domain.account;

/** Why an account cannot take a given request right now, in the order the scheduler checks. */
public enum Ineligibility {
  WRONG_PROVIDER, INACTIVE, EXPIRED, UNSCHEDULABLE, BAD_STATUS, MODEL_UNSUPPORTED, COOLING_DOWN, EXCLUDED, QUOTA_REACHED, AT_CAPACITY;

}
