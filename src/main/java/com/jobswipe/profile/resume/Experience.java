package com.jobswipe.profile.resume;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Total years of experience from employment periods. Overlapping periods (two jobs at once, a side project
 * during a job) count once; months are inclusive, so Jan–Dec of one year is a full year.
 */
public final class Experience {

  /** One period; {@code end} null means "until now". */
  public record Range(YearMonth start, YearMonth end) {
  }

  private Experience() {
  }

  public static double years(List<Range> ranges, Clock clock) {
    YearMonth now = YearMonth.now(clock);
    List<long[]> spans = new ArrayList<>();
    for (Range range : ranges) {
      YearMonth end = range.end() == null || range.end().isAfter(now) ? now : range.end();
      if (!end.isBefore(range.start())) {
        spans.add(new long[] {index(range.start()), index(end)});
      }
    }
    spans.sort(Comparator.comparingLong(span -> span[0]));
    long months = 0;
    long coveredUntil = Long.MIN_VALUE;
    for (long[] span : spans) {
      long from = Math.max(span[0], coveredUntil + 1);
      if (span[1] >= from) {
        months += span[1] - from + 1;
        coveredUntil = span[1];
      }
    }
    return Math.round(months / 12.0 * 10) / 10.0;
  }

  private static long index(YearMonth month) {
    return month.getYear() * 12L + month.getMonthValue() - 1;
  }
}
