package com.jobswipe.auth;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupCodesTest {

  @Test
  void codesAreTenCharactersGroupedFourFourTwo() {
    List<String> codes = BackupCodes.generate(10);

    assertThat(codes).hasSize(10).allSatisfy(code ->
        assertThat(code).matches("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}"));
  }

  @Test
  void codesAvoidLettersThatLookLikeDigits() {
    String all = String.join("", BackupCodes.generate(100));

    assertThat(all).doesNotContain("i", "l", "o", "u");
  }

  @Test
  void theAlphabetHasThirtyTwoDistinctSymbolsSoEachCodeCarriesFiftyBits() {
    assertThat(BackupCodes.ALPHABET.chars().distinct().count()).isEqualTo(32);
    assertThat(BackupCodes.CODE_LENGTH * 5).isGreaterThanOrEqualTo(50);
  }

  @Test
  void everySymbolIsUsedAboutEquallyOften() {
    Map<Character, Integer> counts = new HashMap<>();
    int total = 0;
    for (int batch = 0; batch < 40; batch++) {
      for (String code : BackupCodes.generate(100)) {
        for (char c : BackupCodes.normalize(code).toCharArray()) {
          counts.merge(c, 1, Integer::sum);
          total++;
        }
      }
    }

    // 40,000 symbols over 32: 1,250 expected each, standard deviation about 35; 6 sigma either side.
    assertThat(counts).hasSize(32);
    int expected = total / 32;
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(expected - 210, expected + 210));
  }

  @Test
  void codesInABatchAreDistinct() {
    List<String> codes = BackupCodes.generate(100);

    assertThat(new HashSet<>(codes)).hasSize(100);
  }

  @Test
  void batchesDiffer() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.addAll(BackupCodes.generate(10));
    }

    assertThat(seen).hasSize(500);
  }

  @Test
  void aCountOutsideOneToAHundredIsRefused() {
    assertThatThrownBy(() -> BackupCodes.generate(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackupCodes.generate(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackupCodes.generate(101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void normalizingLowerCasesAndDropsDashesAndSpaces() {
    assertThat(BackupCodes.normalize("K7Q2-MZ9X-4P")).isEqualTo("k7q2mz9x4p");
    assertThat(BackupCodes.normalize(" k7q2 mz9x 4p ")).isEqualTo("k7q2mz9x4p");
    assertThat(BackupCodes.normalize("k7q2mz9x4p")).isEqualTo("k7q2mz9x4p");
  }

  @Test
  void normalizingMapsLookAlikeLettersToDigits() {
    assertThat(BackupCodes.normalize("O1IL-oiLl-00")).isEqualTo("0111011100");
  }

  @Test
  void theHashIsLowerHexSha256OfTheNormalizedCode() {
    // printf k7q2mz9x4p | sha256sum
    String expected = "a0d4e370f5d0472f194ff7e3de1629b38708932f638e89c04a6c0bba573ec610";

    assertThat(BackupCodes.hash("k7q2mz9x4p")).isEqualTo(expected);
    assertThat(BackupCodes.hash("K7Q2-MZ9X-4P")).isEqualTo(expected);
  }

  @Test
  void aCodeMatchesItsHashHoweverItIsTyped() {
    String code = BackupCodes.generate(1).get(0);
    String hash = BackupCodes.hash(code);

    assertThat(BackupCodes.matches(code, hash)).isTrue();
    assertThat(BackupCodes.matches(code.toUpperCase(), hash)).isTrue();
    assertThat(BackupCodes.matches(code.replace("-", ""), hash)).isTrue();
    assertThat(BackupCodes.matches(" " + code.replace("-", " ") + " ", hash)).isTrue();
    assertThat(BackupCodes.matches(code, hash.toUpperCase())).isTrue();
  }

  @Test
  void anotherCodeDoesNotMatch() {
    List<String> codes = BackupCodes.generate(2);

    assertThat(BackupCodes.matches(codes.get(1), BackupCodes.hash(codes.get(0)))).isFalse();
  }

  @Test
  void aCodeWithOneCharacterChangedDoesNotMatch() {
    String hash = BackupCodes.hash("k7q2-mz9x-4p");

    assertThat(BackupCodes.matches("k7q2-mz9x-4q", hash)).isFalse();
    assertThat(BackupCodes.matches("k7q2-mz9x-4", hash)).isFalse();
    assertThat(BackupCodes.matches("k7q2-mz9x-4pp", hash)).isFalse();
  }

  @Test
  void missingOrMalformedInputsDoNotMatch() {
    String hash = BackupCodes.hash("k7q2-mz9x-4p");

    assertThat(BackupCodes.matches(null, hash)).isFalse();
    assertThat(BackupCodes.matches("k7q2-mz9x-4p", null)).isFalse();
    assertThat(BackupCodes.matches("k7q2-mz9x-4p", "")).isFalse();
    assertThat(BackupCodes.matches("k7q2-mz9x-4p", "not a hash")).isFalse();
    assertThat(BackupCodes.matches("k7q2-mz9x-4p", hash.substring(0, 63))).isFalse();
    assertThat(BackupCodes.matches("", BackupCodes.hash("k7q2-mz9x-4p"))).isFalse();
  }

  @Test
  void theStoredHashDoesNotContainTheCode() {
    String code = BackupCodes.generate(1).get(0);

    assertThat(BackupCodes.hash(code)).doesNotContain(BackupCodes.normalize(code));
  }
}
