package com.jobswipe.matching;

import com.jobswipe.text.Vectors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/** Hand-made jobs for the matching unit tests. */
final class TestJobs {

  private TestJobs() {
  }

  static JobDoc job(String title, String company, List<String> skills) {
    return new JobDoc(UUID.randomUUID(), 1, title, company, com.jobswipe.text.CompanyNames.key(company), List.of(),
        "unknown", Optional.empty(), Optional.empty(), "https://jobs.example.com/apply", Optional.empty(),
        Optional.empty(), Optional.empty(), skills, Optional.empty(), Optional.empty());
  }

  static JobDoc withVector(JobDoc job, float[] vector, String model) {
    return new JobDoc(job.id(), job.version(), job.title(), job.company(), job.companyKey(), job.locations(),
        job.remote(), job.employmentType(), job.salary(), job.applyUrl(), job.postedAt(), job.family(),
        job.seniority(), job.skills(), Optional.of(Vectors.normalized(vector)), Optional.of(model));
  }

  static JobDoc posted(JobDoc job, Instant at) {
    return new JobDoc(job.id(), job.version(), job.title(), job.company(), job.companyKey(), job.locations(),
        job.remote(), job.employmentType(), job.salary(), job.applyUrl(), Optional.of(at), job.family(),
        job.seniority(), job.skills(), job.vector(), job.vectorModel());
  }

  static JobDoc where(JobDoc job, String remote, List<String> locations, String seniority) {
    return new JobDoc(job.id(), job.version(), job.title(), job.company(), job.companyKey(), locations, remote,
        job.employmentType(), job.salary(), job.applyUrl(), job.postedAt(), job.family(),
        Optional.ofNullable(seniority), job.skills(), job.vector(), job.vectorModel());
  }

  static JobDoc paying(JobDoc job, Double max, String currency, String period) {
    return new JobDoc(job.id(), job.version(), job.title(), job.company(), job.companyKey(), job.locations(),
        job.remote(), job.employmentType(), Optional.of(new JobDoc.Salary(OptionalDouble.empty(),
        max == null ? OptionalDouble.empty() : OptionalDouble.of(max), currency, Optional.of(period))),
        job.applyUrl(), job.postedAt(), job.family(), job.seniority(), job.skills(), job.vector(), job.vectorModel());
  }

  static JobDoc inFamily(JobDoc job, String family) {
    return new JobDoc(job.id(), job.version(), job.title(), job.company(), job.companyKey(), job.locations(),
        job.remote(), job.employmentType(), job.salary(), job.applyUrl(), job.postedAt(), Optional.of(family),
        job.seniority(), job.skills(), job.vector(), job.vectorModel());
  }
}
