package io.clauderelay.domain.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Calendar buckets (day, hour, week, month) in the operator's fixed offset from UTC
 * ({@code TIMEZONE_OFFSET}); 0 is a valid offset, unlike in the original.
 */
public final class TimeBuckets {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd:HH");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

  private final ZoneOffset offset;

  public TimeBuckets(ZoneOffset offset) {
    this.offset = offset;
  }

  public static TimeBuckets ofHours(int hours) {
    return new TimeBuckets(ZoneOffset.ofHours(hours));
  }

  public ZoneOffset offset() {
    return offset;
  }

  public String day(Instant now) {
    return local(now).format(DAY);
  }

  public String hour(Instant now) {
    return local(now).format(HOUR);
  }

  public String month(Instant now) {
    return local(now).format(MONTH);
  }

  /** Start of the next local day, the reset time of daily limits. */
  public Instant nextDayStart(Instant now) {
    return local(now).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant(offset);
  }

  /**
   * The id of the weekly period containing {@code now}: the latest (resetDay, resetHour) at or
   * before now, resetDay 1 = Monday … 7 = Sunday.
   */
  public String week(Instant now, int resetDay, int resetHour) {
    return weekStart(now, resetDay, resetHour).format(WEEK);
  }

  public Instant nextWeekReset(Instant now, int resetDay, int resetHour) {
    return weekStart(now, resetDay, resetHour).plusWeeks(1).toInstant(offset);
  }

  private LocalDateTime weekStart(Instant now, int resetDay, int resetHour) {
    LocalDateTime local = local(now);
    LocalDateTime candidate = local.truncatedTo(ChronoUnit.DAYS)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.of(resetDay)))
        .withHour(resetHour);
    return candidate.isAfter(local) ? candidate.minusWeeks(1) : candidate;
  }

  private LocalDateTime local(Instant now) {
    return LocalDateTime.ofInstant(now, offset);
  }
}
