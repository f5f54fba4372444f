package io.clauderelay.domain.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Day, hour, month and weekly buckets in a fixed TIMEZONE_OFFSET, at their exact boundaries. */
class TimeBucketsTest {
  private static final TimeBuckets PLUS8 = TimeBuckets.ofHours(8);
  private static final TimeBuckets UTC = TimeBuckets.ofHours(0);
  private static final TimeBuckets MINUS5 = TimeBuckets.ofHours(-5);

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void ofHoursKeepsTheOffsetIncludingZero() {
    assertThat(PLUS8.offset()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(UTC.offset()).isEqualTo(ZoneOffset.UTC);
    assertThat(MINUS5.offset()).isEqualTo(ZoneOffset.ofHours(-5));
  }

  @Nested
  class Days {
    @Test
    void theLastSecondBeforeLocalMidnightIsStillTheSameDay() {
      assertThat(PLUS8.day(at("2026-11-26T15:59:59Z"))).isEqualTo("2026-11-26");
      assertThat(PLUS8.day(at("2026-11-26T15:59:59.999Z"))).isEqualTo("2026-11-26");
      assertThat(UTC.day(at("2026-11-26T15:59:59Z"))).isEqualTo("2026-11-26");
    }

    @Test
    void localMidnightAtPlus8StartsTheNextDayWhileUtcIsStillOnTheSameDay() {
      assertThat(PLUS8.day(at("2026-11-26T16:00:00Z"))).isEqualTo("2026-11-27");
      assertThat(UTC.day(at("2026-11-26T16:00:00Z"))).isEqualTo("2026-11-26");
    }

    @Test
    void utcMidnightIsTheDayBoundaryAtOffsetZero() {
      assertThat(UTC.day(at("2026-11-26T23:59:59.999Z"))).isEqualTo("2026-11-26");
      assertThat(UTC.day(at("2026-11-27T00:00:00Z"))).isEqualTo("2026-11-27");
    }

    @Test
    void aNegativeOffsetLagsBehindUtc() {
      assertThat(MINUS5.day(at("2026-11-27T04:59:59Z"))).isEqualTo("2026-11-26");
      assertThat(MINUS5.day(at("2026-11-27T05:00:00Z"))).isEqualTo("2026-11-27");
    }

    @Test
    void nextDayStartIsLocalMidnightInUtc() {
      assertThat(PLUS8.nextDayStart(at("2026-11-26T15:59:59Z"))).isEqualTo(at("2026-11-26T16:00:00Z"));
      assertThat(PLUS8.nextDayStart(at("2026-11-26T16:00:00Z"))).isEqualTo(at("2026-11-27T16:00:00Z"));
      assertThat(UTC.nextDayStart(at("2026-11-26T16:00:00Z"))).isEqualTo(at("2026-11-27T00:00:00Z"));
      assertThat(UTC.nextDayStart(at("2026-11-27T00:00:00Z"))).isEqualTo(at("2026-11-28T00:00:00Z"));
      assertThat(MINUS5.nextDayStart(at("2026-11-27T04:59:59Z"))).isEqualTo(at("2026-11-27T05:00:00Z"));
    }

    @Test
    void nextDayStartIsTheFirstInstantOfTheNextDayId() {
      Instant now = at("2026-02-28T20:30:00Z");
      Instant next = PLUS8.nextDayStart(now);

      assertThat(PLUS8.day(next.minusMillis(1))).isEqualTo(PLUS8.day(now)).isEqualTo("2026-03-01");
      assertThat(PLUS8.day(next)).isEqualTo("2026-03-02");
    }
  }

  @Nested
  class HoursAndMonths {
    @Test
    void hourIdsUseTheLocalClock() {
      assertThat(PLUS8.hour(at("2026-11-26T15:59:59Z"))).isEqualTo("2026-11-26:23");
      assertThat(PLUS8.hour(at("2026-11-26T16:00:00Z"))).isEqualTo("2026-11-27:00");
      assertThat(UTC.hour(at("2026-11-26T16:00:00Z"))).isEqualTo("2026-11-26:16");
      assertThat(MINUS5.hour(at("2026-11-26T03:00:00Z"))).isEqualTo("2026-11-25:22");
    }

    @Test
    void monthIdsChangeAtLocalMidnightOfTheFirst() {
      assertThat(PLUS8.month(at("2026-11-30T15:59:59Z"))).isEqualTo("2026-11");
      assertThat(PLUS8.month(at("2026-11-30T16:00:00Z"))).isEqualTo("2026-12");
      assertThat(UTC.month(at("2026-11-30T16:00:00Z"))).isEqualTo("2026-11");
      assertThat(MINUS5.month(at("2027-01-01T04:59:59Z"))).isEqualTo("2026-12");
      assertThat(MINUS5.month(at("2027-01-01T05:00:00Z"))).isEqualTo("2027-01");
    }

    @Test
    void theYearRollsOverWithTheLocalDay() {
      assertThat(PLUS8.day(at("2026-12-31T16:00:00Z"))).isEqualTo("2027-01-01");
      assertThat(PLUS8.hour(at("2026-12-31T16:00:00Z"))).isEqualTo("2027-01-01:00");
      assertThat(PLUS8.month(at("2026-12-31T16:00:00Z"))).isEqualTo("2027-01");
    }
  }

  @Nested
  class Weeks {
    // 2026-11-23 is a Monday, 2026-11-29 a Sunday.

    @Test
    void mondayMidnightLocalStartsTheWeek() {
      Instant reset = at("2026-11-22T16:00:00Z"); // Monday 2026-11-23 00:00 at +8

      assertThat(PLUS8.week(reset, 1, 0)).isEqualTo("2026-11-23T00");
      assertThat(PLUS8.week(reset.minusMillis(1), 1, 0)).isEqualTo("2026-11-16T00");
      assertThat(PLUS8.week(reset.plus(Duration.ofDays(7)).minusMillis(1), 1, 0)).isEqualTo("2026-11-23T00");
    }

    @Test
    void sundayAt23StartsTheWeekOnlyAtThatHour() {
      Instant reset = at("2026-11-29T15:00:00Z"); // Sunday 2026-11-29 23:00 at +8

      assertThat(PLUS8.week(reset, 7, 23)).isEqualTo("2026-11-29T23");
      assertThat(PLUS8.week(reset.minusMillis(1), 7, 23)).isEqualTo("2026-11-22T23");
      // Earlier the same Sunday, and the whole Monday after the previous reset, are the previous week.
      assertThat(PLUS8.week(at("2026-11-28T16:00:00Z"), 7, 23)).isEqualTo("2026-11-22T23");
      assertThat(PLUS8.week(at("2026-11-23T12:00:00Z"), 7, 23)).isEqualTo("2026-11-22T23");
    }

    @Test
    void weeksAtOffsetZeroUseUtcDaysAndHours() {
      Instant reset = at("2026-11-23T00:00:00Z");

      assertThat(UTC.week(reset, 1, 0)).isEqualTo("2026-11-23T00");
      assertThat(UTC.week(reset.minusMillis(1), 1, 0)).isEqualTo("2026-11-16T00");
      // The +8 week has already turned 8 hours earlier.
      assertThat(PLUS8.week(reset.minus(Duration.ofHours(8)), 1, 0)).isEqualTo("2026-11-23T00");
    }

    @Test
    void aNegativeOffsetShiftsTheResetLater() {
      Instant reset = at("2026-11-23T05:00:00Z"); // Monday 00:00 at -5

      assertThat(MINUS5.week(reset, 1, 0)).isEqualTo("2026-11-23T00");
      assertThat(MINUS5.week(reset.minusMillis(1), 1, 0)).isEqualTo("2026-11-16T00");
    }

    @Test
    void nextWeekResetIsTheStartOfTheNextPeriod() {
      Instant reset = at("2026-11-22T16:00:00Z");

      assertThat(PLUS8.nextWeekReset(reset.minusMillis(1), 1, 0)).isEqualTo(reset);
      assertThat(PLUS8.nextWeekReset(reset, 1, 0)).isEqualTo(reset.plus(Duration.ofDays(7)));
      assertThat(PLUS8.nextWeekReset(at("2026-11-26T03:00:00Z"), 1, 0)).isEqualTo(reset.plus(Duration.ofDays(7)));
      assertThat(PLUS8.nextWeekReset(at("2026-11-26T03:00:00Z"), 7, 23)).isEqualTo(at("2026-11-29T15:00:00Z"));
      assertThat(UTC.nextWeekReset(at("2026-11-26T03:00:00Z"), 3, 12)).isEqualTo(at("2026-12-02T12:00:00Z"));
    }

    @Test
    void theNextResetBelongsToTheNextWeekIdAndOneMillisecondBeforeToTheCurrent() {
      Instant now = at("2026-11-26T03:00:00Z");
      for (int day = 1; day <= 7; day++) {
        for (int hour : new int[]{0, 11, 23}) {
          Instant next = PLUS8.nextWeekReset(now, day, hour);
          assertThat(PLUS8.week(next.minusMillis(1), day, hour)).as("day %d hour %d", day, hour)
              .isEqualTo(PLUS8.week(now, day, hour));
          assertThat(PLUS8.week(next, day, hour)).as("day %d hour %d", day, hour)
              .isNotEqualTo(PLUS8.week(now, day, hour));
          assertThat(Duration.between(now, next)).as("day %d hour %d", day, hour)
              .isPositive().isLessThanOrEqualTo(Duration.ofDays(7));
        }
      }
    }

    @Test
    void aWeekCanSpanAMonthAndYearBoundary() {
      // Monday 2026-12-28 00:00 at +8; the period runs into January.
      assertThat(PLUS8.week(at("2027-01-02T12:00:00Z"), 1, 0)).isEqualTo("2026-12-28T00");
      assertThat(PLUS8.nextWeekReset(at("2027-01-02T12:00:00Z"), 1, 0)).isEqualTo(at("2027-01-03T16:00:00Z"));
      assertThat(PLUS8.week(at("2027-01-03T16:00:00Z"), 1, 0)).isEqualTo("2027-01-04T00");
    }
  }

  /**
   * The buckets are remembered per local hour; one instance asked about instants that jump back
   * and forth across hour, day, week and month edges (and a half-hour offset) must answer exactly
   * what a fresh instance answers for each.
   */
  @Test
  void rememberedAnswersAreTheSameAsFreshOnesAcrossEveryEdge() {
    for (ZoneOffset offset : new ZoneOffset[]{ZoneOffset.ofHours(8), ZoneOffset.UTC,
        ZoneOffset.ofHoursMinutes(5, 30)}) {
      TimeBuckets reused = new TimeBuckets(offset);
      java.util.Random random = new java.util.Random(42);
      Instant t = at("2026-12-30T15:00:00Z");
      int resetDay = 1;
      int resetHour = 0;
      for (int i = 0; i < 5_000; i++) {
        // Mostly small steps (the same hour again, or just over an edge), now and then a jump back.
        t = t.plusSeconds(random.nextInt(10) == 0 ? -random.nextInt(7200) : random.nextInt(1200));
        if (i % 100 == 0) {
          resetDay = 1 + random.nextInt(7);
          resetHour = random.nextInt(24);
        }
        TimeBuckets fresh = new TimeBuckets(offset);
        assertThat(reused.day(t)).as("day at %s %s", t, offset).isEqualTo(fresh.day(t));
        assertThat(reused.hour(t)).isEqualTo(new TimeBuckets(offset).hour(t));
        assertThat(reused.month(t)).isEqualTo(new TimeBuckets(offset).month(t));
        assertThat(reused.nextDayStart(t)).isEqualTo(new TimeBuckets(offset).nextDayStart(t));
        assertThat(reused.week(t, resetDay, resetHour)).isEqualTo(new TimeBuckets(offset).week(t, resetDay, resetHour));
        assertThat(reused.nextWeekReset(t, resetDay, resetHour))
            .isEqualTo(new TimeBuckets(offset).nextWeekReset(t, resetDay, resetHour));
      }
    }
  }
}
