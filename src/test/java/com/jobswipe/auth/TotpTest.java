package com.jobswipe.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpTest {

  /** The RFC 6238 Appendix B (and RFC 4226 Appendix D) SHA-1 secret. */
  private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final Instant NOW = Instant.ofEpochSecond(1_111_111_111L);
  private static final long NOW_STEP = 37_037_037L;
  private static final long NEVER_USED = -1;

  @ParameterizedTest(name = "t={0} -> {1}")
  @CsvSource({
      "59, 94287082",
      "1111111109, 07081804",
      "1111111111, 14050471",
      "1234567890, 89005924",
      "2000000000, 69279037",
      "20000000000, 65353130"})
  void matchesTheRfc6238Sha1VectorsAtEightDigits(long seconds, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(seconds));

    assertThat(Totp.code(RFC_SECRET, step, 8)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "t={0} -> {1}")
  @CsvSource({
      "59, 287082",
      "1111111109, 081804",
      "1111111111, 050471",
      "1234567890, 005924",
      "2000000000, 279037",
      "20000000000, 353130"})
  void sixDigitCodesAreTheLastSixOfTheRfc6238Vectors(long seconds, String expected) {
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(expected);
  }

  @Test
  void matchesTheRfc4226HotpVectors() {
    String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489"};

    for (int counter = 0; counter < expected.length; counter++) {
      assertThat(Totp.code(RFC_SECRET, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
    }
  }

  @Test
  void codesAreZeroPaddedToSixDigits() {
    assertThat(Totp.code(RFC_SECRET, 41_152_263L)).isEqualTo("005924");
  }

  @Test
  void stepsAreWholeThirtySecondPeriodsSinceTheEpoch() {
    assertThat(Totp.step(Instant.ofEpochSecond(0))).isZero();
    assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
    assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
    assertThat(Totp.step(Instant.ofEpochSecond(59, 999_999_999))).isEqualTo(1);
    assertThat(Totp.step(NOW)).isEqualTo(NOW_STEP);
    assertThat(Totp.step(Instant.ofEpochSecond(-1))).isEqualTo(-1);
  }

  @Test
  void theCurrentCodeVerifiesAndReturnsItsStep() {
    assertThat(Totp.verify(RFC_SECRET, "050471", NOW, NEVER_USED)).hasValue(NOW_STEP);
  }

  @Test
  void aCodeFromOneStepEitherSideIsAccepted() {
    String previous = Totp.code(RFC_SECRET, NOW_STEP - 1);
    String next = Totp.code(RFC_SECRET, NOW_STEP + 1);

    assertThat(previous).isEqualTo("081804");
    assertThat(Totp.verify(RFC_SECRET, previous, NOW, NEVER_USED)).hasValue(NOW_STEP - 1);
    assertThat(Totp.verify(RFC_SECRET, next, NOW, NEVER_USED)).hasValue(NOW_STEP + 1);
  }

  @Test
  void aCodeFromTwoStepsAwayIsRefused() {
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, NOW_STEP - 2), NOW, NEVER_USED)).isEmpty();
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, NOW_STEP + 2), NOW, NEVER_USED)).isEmpty();
  }

  @Test
  void theWindowFollowsTheClockWithinAStep() {
    String code = Totp.code(RFC_SECRET, NOW_STEP);
    long stepStart = NOW_STEP * 30;

    assertThat(Totp.verify(RFC_SECRET, code, Instant.ofEpochSecond(stepStart - 30), NEVER_USED)).hasValue(NOW_STEP);
    assertThat(Totp.verify(RFC_SECRET, code, Instant.ofEpochSecond(stepStart + 59), NEVER_USED)).hasValue(NOW_STEP);
    assertThat(Totp.verify(RFC_SECRET, code, Instant.ofEpochSecond(stepStart - 31), NEVER_USED)).isEmpty();
    assertThat(Totp.verify(RFC_SECRET, code, Instant.ofEpochSecond(stepStart + 60), NEVER_USED)).isEmpty();
  }

  @Test
  void aCodeCannotBeUsedTwice() {
    long used = Totp.verify(RFC_SECRET, "050471", NOW, NEVER_USED).orElseThrow();

    assertThat(Totp.verify(RFC_SECRET, "050471", NOW, used)).isEmpty();
    assertThat(Totp.verify(RFC_SECRET, "050471", NOW.plusSeconds(25), used)).isEmpty();
  }

  @Test
  void anOlderCodeIsRefusedAfterANewerOneWasUsed() {
    String previous = Totp.code(RFC_SECRET, NOW_STEP - 1);

    assertThat(Totp.verify(RFC_SECRET, previous, NOW, NOW_STEP)).isEmpty();
  }

  @Test
  void aNewerCodeIsAcceptedAfterAnOlderOneWasUsed() {
    assertThat(Totp.verify(RFC_SECRET, "050471", NOW, NOW_STEP - 1)).hasValue(NOW_STEP);
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, NOW_STEP + 1), NOW, NOW_STEP)).hasValue(NOW_STEP + 1);
  }

  @Test
  void aWrongCodeIsRefused() {
    Set<String> window = Set.of(Totp.code(RFC_SECRET, NOW_STEP - 1), Totp.code(RFC_SECRET, NOW_STEP),
        Totp.code(RFC_SECRET, NOW_STEP + 1));
    String wrong = window.contains("123456") ? "654321" : "123456";

    assertThat(Totp.verify(RFC_SECRET, wrong, NOW, NEVER_USED)).isEmpty();
  }

  @Test
  void aCodeForAnotherSecretIsRefused() {
    byte[] other = "09876543210987654321".getBytes(StandardCharsets.US_ASCII);

    assertThat(Totp.verify(other, "050471", NOW, NEVER_USED)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {" 050471", "050471 ", "050 471", " 05 04 71 ", "\t050471\n"})
  void spacesAroundAndInsideTheCodeAreIgnored(String typed) {
    assertThat(Totp.verify(RFC_SECRET, typed, NOW, NEVER_USED)).hasValue(NOW_STEP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "      ", "50471", "0050471", "14050471", "05047a", "+50471", "-50471", "050-471",
      "050471\u0000", "٠٥٠٤٧١", "０５０４７１", "05047１", "0x1234"})
  void anythingButSixAsciiDigitsIsRefused(String typed) {
    assertThat(Totp.verify(RFC_SECRET, typed, NOW, NEVER_USED)).isEmpty();
  }

  @Test
  void aMissingCodeIsRefused() {
    assertThat(Totp.verify(RFC_SECRET, null, NOW, NEVER_USED)).isEmpty();
  }

  @Test
  void anEmptySecretIsAProgrammingError() {
    assertThatThrownBy(() -> Totp.verify(new byte[0], "050471", NOW, NEVER_USED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Totp.code(null, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newSecretsAreTwentyRandomBytes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      byte[] secret = Totp.newSecret();
      assertThat(secret).hasSize(20);
      seen.add(Totp.base32(secret));
    }

    assertThat(seen).hasSize(50);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
      "'', ''",
      "f, MY",
      "fo, MZXQ",
      "foo, MZXW6",
      "foob, MZXW6YQ",
      "fooba, MZXW6YTB",
      "foobar, MZXW6YTBOI",
      "12345678901234567890, GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"})
  void base32MatchesRfc4648WithoutPadding(String ascii, String encoded) {
    byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);

    assertThat(Totp.base32(bytes)).isEqualTo(encoded);
    assertThat(Totp.fromBase32(encoded)).isEqualTo(bytes);
  }

  @Test
  void base32IsReadInAnyCaseIgnoringSpacesAndPadding() {
    byte[] foobar = "foobar".getBytes(StandardCharsets.US_ASCII);

    assertThat(Totp.fromBase32("mzxw6ytboi")).isEqualTo(foobar);
    assertThat(Totp.fromBase32("MZXW 6YTB OI")).isEqualTo(foobar);
    assertThat(Totp.fromBase32("MZXW6YTBOI======")).isEqualTo(foobar);
    assertThat(Totp.fromBase32("mZxW 6yTb oI==")).isEqualTo(foobar);
  }

  @Test
  void base32RoundTripsAnyLength() {
    Random random = new Random(6238);
    for (int length = 0; length <= 41; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);

      assertThat(Totp.fromBase32(Totp.base32(bytes))).as("length %d", length).isEqualTo(bytes);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"MZXW1", "MZXW0", "MZXW8", "MZXW!", "MZX-W6", "MZXWı"})
  void base32RefusesCharactersOutsideTheAlphabet(String text) {
    assertThatThrownBy(() -> Totp.fromBase32(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not base32");
  }

  @Test
  void theOtpauthUriCarriesIssuerAccountSecretAndParameters() {
    String uri = Totp.otpauthUri("JobSwipe", "ana@example.com", RFC_SECRET);

    assertThat(uri).isEqualTo("otpauth://totp/JobSwipe:ana%40example.com"
        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=JobSwipe&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void theOtpauthUriPercentEncodesSpacesPlusAndUnicode() {
    String uri = Totp.otpauthUri("Job Swipe & Co", "zoë+jobs@example.com", RFC_SECRET);

    assertThat(uri)
        .startsWith("otpauth://totp/Job%20Swipe%20%26%20Co:zo%C3%AB%2Bjobs%40example.com?secret=")
        .contains("&issuer=Job%20Swipe%20%26%20Co&")
        .doesNotContain("+")
        .doesNotContain(" ");
  }

  @Test
  void theOtpauthUriIsAValidUri() {
    String uri = Totp.otpauthUri("Job Swipe", "zoë+jobs@example.com", RFC_SECRET);

    assertThat(java.net.URI.create(uri).getScheme()).isEqualTo("otpauth");
    assertThat(java.net.URI.create(uri).getPath()).isEqualTo("/Job Swipe:zoë+jobs@example.com");
  }

  @Test
  void theOtpauthUriRefusesColonsAndBlanksInTheLabel() {
    assertThatThrownBy(() -> Totp.otpauthUri("Job:Swipe", "ana@example.com", RFC_SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Totp.otpauthUri("JobSwipe", "ana:x@example.com", RFC_SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Totp.otpauthUri(" ", "ana@example.com", RFC_SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Totp.otpauthUri("JobSwipe", "", RFC_SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Totp.otpauthUri("JobSwipe", "ana@example.com", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
