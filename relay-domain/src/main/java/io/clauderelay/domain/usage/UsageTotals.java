package io.clauderelay.domain.usage;

/** Aggregated counts over some period: requests, tokens by kind, rated and real cost. */
public record UsageTotals(long requests, TokenUsage tokens, long ratedCostMicros, long realCostMicros) {

  public static final UsageTotals EMPTY = new UsageTotals(0, TokenUsage.ZERO, 0, 0);

  public UsageTotals plus(UsageRecord r) {
    return new UsageTotals(requests + 1, tokens.plus(r.tokens()), ratedCostMicros + r.ratedCostMicros(),
        realCostMicros + r.cost().totalMicros());
  }

  public UsageTotals plus(UsageTotals o) {
    return new UsageTotals(requests + o.requests, tokens.plus(o.tokens), ratedCostMicros + o.ratedCostMicros,
        realCostMicros + o.realCostMicros);
  }

  public static UsageTotals sum(Iterable<UsageTotals> totals) {
    UsageTotals out = EMPTY;
    for (UsageTotals t : totals) out = out.plus(t);
    return out;
  }
}
