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
  /*
   * Every bucket changes only at a local whole hour, and each request asks for several of them
   * (admission and settlement), so the last hour's answers are kept: formatting dates was a visible
   * part of a request's CPU. Immutable snapshots in volatile fields: safe across event loops.
   */
  private volatile HourMemo hourMemo;
  private volatile WeekMemo weekMemo;

  private record HourMemo(long localHour, String day, String hour, String month, Instant nextDayStart) {}

  private record WeekMemo(long localHour, int resetDay, int resetHour, String id, Instant nextReset) {}

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
    return hourMemo(now).day();
  }

  public String hour(Instant now) {
    return hourMemo(now).hour();
  }

  public String month(Instant now) {
    return hourMemo(now).month();
  }

  /** Start of the next local day, the reset time of daily limits. */
  public Instant nextDayStart(Instant now) {
    return hourMemo(now).nextDayStart();
  }

  /**
   * The id of the weekly period containing {@code now}: the latest (resetDay, resetHour) at or
   * before now, resetDay 1 = Monday … 7 = Sunday.
   */
  public String week(Instant now, int resetDay, int resetHour) {
    return weekMemo(now, resetDay, resetHour).id();
  }

  public Instant nextWeekReset(Instant now, int resetDay, int resetHour) {
    return weekMemo(now, resetDay, resetHour).nextReset();
  }

  private HourMemo hourMemo(Instant now) {
    long localHour = localHour(now);
    HourMemo m = hourMemo;
    if (m != null && m.localHour() == localHour) return m;
    LocalDateTime local = local(now);
    m = new HourMemo(localHour, local.format(DAY), local.format(HOUR), local.format(MONTH),
        local.truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant(offset));
    hourMemo = m;
    return m;
  }

  private WeekMemo weekMemo(Instant now, int resetDay, int resetHour) {
    long localHour = localHour(now);
    WeekMemo m = weekMemo;
    if (m != null && m.localHour() == localHour && m.resetDay() == resetDay && m.resetHour() == resetHour) return m;
    LocalDateTime start = weekStart(now, resetDay, resetHour);
    m = new WeekMemo(localHour, resetDay, resetHour, start.format(WEEK), start.plusWeeks(1).toInstant(offset));
    weekMemo = m;
    return m;
  }

  private long localHour(Instant now) {
    return Math.floorDiv(now.getEpochSecond() + offset.getTotalSeconds(), 3600L);
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
