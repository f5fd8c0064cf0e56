package com.jobswipe.ingestion.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SimHashTest {

  /** Fingerprints computed when the algorithm was fixed; stored fingerprints depend on them. */
  private static final long GOLDEN_SHORT = 0x60220951a1002cc1L;
  private static final long GOLDEN_FIXTURE = 0x60c5e99f71616319L;

  static String fixture(String name) {
    try (InputStream in = SimHashTest.class.getResourceAsStream("/fixtures/catalog/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void featureHashIsFnv1a64AsPublished() {
    // Test vectors from the FNV reference (isthe.com/chongo/tech/comp/fnv).
    assertThat(SimHash.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
    assertThat(SimHash.fnv1a64("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(SimHash.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void fingerprintsAreStableAcrossRunsAndJvms() {
    // Stored fingerprints depend on these values; if this fails, every stored simhash needs recomputing.
    assertThat(SimHash.of("Senior Backend Engineer building scalable Java services on Kubernetes"))
        .isEqualTo(SimHash.of("senior backend engineer building scalable java services on kubernetes"))
        .isEqualTo(GOLDEN_SHORT);
    assertThat(SimHash.of(fixture("greenhouse-backend-engineer.txt"))).isEqualTo(GOLDEN_FIXTURE);
  }

  @Test
  void layoutCasePunctuationAndAccentsDoNotCount() {
    long a = SimHash.of("We’re hiring a Café Manager!\n\n- Own the espresso bar\n- Train baristas");
    long b = SimHash.of("we're   hiring a cafe manager * own the ESPRESSO bar; train baristas");
    assertThat(SimHash.distance(a, b)).isZero();
  }

  @Test
  void stopWordsAreIgnored() {
    assertThat(SimHash.words("You will design the services of the future"))
        .containsExactly("design", "services", "future");
  }

  @Test
  void aCopyWithAFooterIsCloseAndADifferentRoleIsFar() {
    long original = SimHash.of(fixture("greenhouse-backend-engineer.txt"));
    long copy = SimHash.of(fixture("aggregator-backend-engineer.txt"));
    long otherRole = SimHash.of(fixture("greenhouse-frontend-engineer.txt"));
    assertThat(SimHash.distance(original, copy)).isLessThanOrEqualTo(Dedup.MAX_SIMHASH_DISTANCE);
    // Same company boilerplate (intro, benefits, EEO) but a different job: well beyond the threshold.
    assertThat(SimHash.distance(original, otherRole)).isGreaterThan(2 * Dedup.MAX_SIMHASH_DISTANCE);
  }

  @Test
  void unrelatedTextsDifferInAboutHalfTheBits() {
    long a = SimHash.of(fixture("greenhouse-backend-engineer.txt"));
    long b = SimHash.of("Registered Nurse, night shift. Provide patient care on a 30-bed medical-surgical unit,"
        + " administer medication, document in the EHR and work with physicians on treatment plans. BLS and ACLS"
        + " required; two years of acute care experience preferred.");
    assertThat(SimHash.distance(a, b)).isBetween(20, 44);
  }

  @Test
  void emptyTextHasTheZeroFingerprint() {
    assertThat(SimHash.of("")).isZero();
    assertThat(SimHash.of(null)).isZero();
    assertThat(SimHash.of(" -- \n ")).isZero();
  }

  @Test
  void distanceCountsDifferingBits() {
    assertThat(SimHash.distance(0L, 0L)).isZero();
    assertThat(SimHash.distance(0L, -1L)).isEqualTo(64);
    assertThat(SimHash.distance(0b1011L, 0b0001L)).isEqualTo(2);
  }
}
