package com.jobswipe.matching;

import com.jobswipe.bus.JobCard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * An open job as matching holds it in memory: what cards, filters, explanations and the taste model read.
 * The description is indexed but not kept. {@code vector} is unit length (or absent), made by {@code vectorModel}.
 */
record JobDoc(UUID id, int version, String title, String company, String companyKey, List<String> locations,
              String remote, Optional<String> employmentType, Optional<Salary> salary, String applyUrl,
              Optional<Instant> postedAt, Optional<String> family, Optional<String> seniority, List<String> skills,
              Optional<float[]> vector, Optional<String> vectorModel) {

  JobDoc {
    locations = List.copyOf(locations);
    skills = List.copyOf(skills);
  }

  /** The job as a feed card (the same card the api role shows for saved jobs and job pages). */
  JobCard card() {
    return new JobCard(id, title, company, locations, remote, applyUrl, employmentType,
        salary.map(s -> new JobCard.Salary(s.min(), s.max(), s.currency(), s.period())), postedAt, family, seniority,
        skills);
  }

  /** A posted pay range; {@code period} is hour, day, week, month or year. */
  record Salary(OptionalDouble min, OptionalDouble max, String currency, Optional<String> period) {

    /** Working hours, days, weeks and months in a year, for comparing any period with a yearly floor. */
    private static double perYear(String period) {
      return switch (period) {
        case "hour" -> 2_080;
        case "day" -> 260;
        case "week" -> 52;
        case "month" -> 12;
        default -> 1;
      };
    }

    /** The top of the range, per year: a floor is met when the job can pay at least that. */
    OptionalDouble yearlyTop() {
      OptionalDouble top = max.isPresent() ? max : min;
      if (top.isEmpty()) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(top.getAsDouble() * perYear(period.orElse("year")));
    }
  }
}
