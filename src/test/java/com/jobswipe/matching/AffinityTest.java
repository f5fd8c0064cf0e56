package com.jobswipe.matching;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AffinityTest {

  private static JobDoc job(String title, String company, String family) {
    return TestJobs.inFamily(TestJobs.job(title, company, List.of()), family);
  }

  private static Affinity lefts(JobDoc job, int times) {
    Affinity.Builder builder = new Affinity.Builder();
    for (int i = 0; i < times; i++) {
      builder.add(job, false);
    }
    return builder.build();
  }

  @Test
  void aRunOfLeftSwipesOnOneFamilySinksItAndLeavesOthersAlone() {
    JobDoc sales = job("Account Executive", "Acme", "sales");
    Affinity.Builder builder = new Affinity.Builder();
    for (int i = 0; i < 10; i++) {
      builder.add(job("Account Executive " + i, "Company " + i, "sales"), false);
    }
    Affinity affinity = builder.build();

    assertThat(affinity.familyFactor("sales")).isCloseTo(2.0 / 12, within(1e-9));
    assertThat(affinity.rejects("sales")).isTrue();
    assertThat(affinity.factor(sales)).isLessThan(0.2);
    assertThat(affinity.factor(job("Designer", "Other", "design"))).isEqualTo(1);
    assertThat(affinity.judged("sales")).isTrue();
    assertThat(affinity.judged("design")).isFalse();
  }

  @Test
  void aFamilyLikedAsOftenAsNotKeepsItsFullScore() {
    JobDoc data = job("Data Scientist", "Acme", "data_ml");
    Affinity affinity = new Affinity.Builder().add(data, true).add(job("ML Engineer", "B", "data_ml"), false)
        .build();

    assertThat(affinity.familyFactor("data_ml")).isEqualTo(1);
    assertThat(affinity.rightsIn("data_ml")).isEqualTo(1);
    assertThat(affinity.rejects("data_ml")).isFalse();
  }

  @Test
  void leftSwipesOnOneCompanyOrTitlePatternAreLearnedAsSuch() {
    JobDoc acme = job("Backend Engineer", "Acme", "software_engineering");
    Affinity once = lefts(acme, 1);
    Affinity often = new Affinity.Builder()
        .add(job("Support Agent", "Acme", "customer_success"), false)
        .add(job("Nurse", "Acme", "healthcare"), false)
        .add(job("Accountant", "Acme", "finance"), false)
        .add(job("Lawyer", "Acme", "legal"), false)
        .build();

    // One left is a job, not a pattern; four on one company, each of another family and title, halve it.
    assertThat(once.factor(job("Designer", "Acme", "design"))).isEqualTo(1);
    assertThat(often.factor(job("Designer", "Acme", "design"))).isCloseTo(0.5, within(1e-9));
    assertThat(often.factor(job("Designer", "Globex", "design"))).isEqualTo(1);

    Affinity titles = new Affinity.Builder()
        .add(job("Senior Account Executive (EMEA)", "A", "sales"), false)
        .add(job("Account Executive, Mid-Market", "B", "marketing"), false)
        .add(job("Junior Account Executive", "C", "operations"), false)
        .add(job("Account Executive - SMB", "D", "finance"), false)
        .build();
    assertThat(titles.factor(job("Account Executive", "E", "legal"))).isCloseTo(0.5, within(1e-9));
    assertThat(titles.factor(job("Account Manager", "E", "legal"))).isEqualTo(1);
  }

  @Test
  void titlePatternsDropSeniorityAndQualifiers() {
    assertThat(Affinity.titlePattern("Senior Account Executive (EMEA)")).isEqualTo("account executive");
    assertThat(Affinity.titlePattern("Sr. Backend Engineer - Payments")).isEqualTo("backend engineer");
    assertThat(Affinity.titlePattern("Software Engineer II, APIs")).isEqualTo("software engineer");
    assertThat(Affinity.titlePattern("Product Designer")).isEqualTo("product designer");
  }

  @Test
  void jobsNearerWhatWasRejectedThanWhatWasLikedSink() {
    JobDoc rejected = TestJobs.withVector(TestJobs.job("A", "A", List.of()), new float[] {1, 0, 0}, "m");
    JobDoc liked = TestJobs.withVector(TestJobs.job("B", "B", List.of()), new float[] {0, 1, 0}, "m");
    Affinity affinity = new Affinity.Builder().add(rejected, false).add(liked, true).build();

    JobDoc nearRejected = TestJobs.withVector(TestJobs.job("C", "C", List.of()), new float[] {1, 0.1f, 0}, "m");
    JobDoc nearLiked = TestJobs.withVector(TestJobs.job("D", "D", List.of()), new float[] {0.1f, 1, 0}, "m");

    assertThat(affinity.factor(nearRejected)).isLessThan(0.1);
    assertThat(affinity.factor(nearLiked)).isEqualTo(1);
  }

  @Test
  void theLeftRunCountsLeftsSinceTheLatestRight() {
    JobDoc any = job("X", "X", "other");
    Affinity affinity = new Affinity.Builder().add(any, false).add(any, false).add(any, true).add(any, false).build();

    assertThat(affinity.leftRun()).isEqualTo(2);
    assertThat(Affinity.none().leftRun()).isZero();
    assertThat(Affinity.none().factor(any)).isEqualTo(1);
  }
}
