package com.jobswipe.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

  private static final String EMAIL = "maria.gonzalez+jobs@example.com";

  private final PasswordPolicy policy = new PasswordPolicy();

  @ParameterizedTest
  @ValueSource(strings = {
      "tangerine-kayak-moss",
      "Vq8#pL2!xZ7@",
      "my cat eats lasagna on tuesdays",
      "Zoë's ünïcödé pässphrase",
      "ThisIsFineTooReally",
      "a1b2c3d4e5f6g7"})
  void aLongUnpredictablePasswordPasses(String password) {
    assertThat(policy.violations(password, EMAIL)).isEmpty();
  }

  @Test
  void elevenCharactersIsTooShortAndTwelveIsEnough() {
    assertThat(policy.violations("tqbfjotld7x", EMAIL)).containsExactly(PasswordPolicy.TOO_SHORT);
    assertThat(policy.violations("tqbfjotld7xk", EMAIL)).isEmpty();
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() {
    // Eleven emoji are 22 UTF-16 units but only eleven characters.
    String elevenEmoji = "🐙🦊🐢🦉🐝🦋🐳🦔🐌🦀🐧";
    assertThat(elevenEmoji.length()).isEqualTo(22);

    assertThat(policy.violations(elevenEmoji, EMAIL)).containsExactly(PasswordPolicy.TOO_SHORT);
    assertThat(policy.violations(elevenEmoji + "🦎", EMAIL)).isEmpty();
  }

  @Test
  void aHundredAndTwentyEightCharactersIsTheLimit() {
    String base = "tangerine kayak moss ";

    assertThat(policy.violations(base.repeat(7).substring(0, 128), EMAIL)).isEmpty();
    assertThat(policy.violations(base.repeat(7).substring(0, 129), EMAIL)).containsExactly(PasswordPolicy.TOO_LONG);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password1234",
      "qwertyuiop123",
      "iloveyou1234",
      "123456789012",
      "passwordpassword",
      "qwerty123456",
      "1q2w3e4r5t6y",
      "football1234",
      "letmein12345",
      "welcome12345",
      "administrator",
      "correcthorsebatterystaple",
      "qwertyuiopasdfghjkl",
      "1qaz2wsx3edc",
      "zaq12wsxcde3",
      "jobswipe2025",
      "p@ssw0rd1234"})
  void theExamplesOfCommonPasswordsAreRefused(String password) {
    assertThat(policy.violations(password, EMAIL)).contains(PasswordPolicy.TOO_COMMON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PASSWORD1234", "Password1234", "QwertyUiop123", "CorrectHorseBatteryStaple"})
  void commonPasswordsAreMatchedWhateverTheirCase(String password) {
    assertThat(policy.violations(password, EMAIL)).contains(PasswordPolicy.TOO_COMMON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Football2024!", "sunshine!!!!1", "Princess12345", "dragon#######", "Monkey 1234567",
      "iloveyou....!!", "trustno1trustno1", "Liverpool1892"})
  void aCommonWordWithDigitsAndPunctuationTackedOnIsRefused(String password) {
    assertThat(policy.violations(password, EMAIL)).contains(PasswordPolicy.TOO_COMMON);
  }

  @Test
  void aCommonPhraseWithSpacesIsRefused() {
    assertThat(policy.violations("correct horse battery staple", EMAIL)).contains(PasswordPolicy.TOO_COMMON);
    assertThat(policy.violations("I love you 1234", EMAIL)).contains(PasswordPolicy.TOO_COMMON);
  }

  @Test
  void onlyTrailingCharactersAreStripped() {
    // Stripping leading digits too would refuse too much; these are not on the list as typed.
    assertThat(policy.violations("2024footballx", EMAIL)).doesNotContain(PasswordPolicy.TOO_COMMON);
    assertThat(policy.violations("football fan since 1998", EMAIL)).doesNotContain(PasswordPolicy.TOO_COMMON);
  }

  @Test
  void theCommonListIsLoadedWithAFewHundredLowerCaseEntries() {
    assertThat(PasswordPolicy.commonPasswordCount()).isBetween(300, 2000);
    assertThat(PasswordPolicy.isCommon("password")).isTrue();
    assertThat(PasswordPolicy.isCommon("# Passwords that show up")).isFalse();
  }

  @Test
  void theEmailsLocalPartIsRefusedInAnyCase() {
    assertThat(policy.violations("Maria.Gonzalez+jobs-rocks", EMAIL)).containsExactly(PasswordPolicy.CONTAINS_EMAIL);
  }

  @Test
  void theLocalPartWithoutItsPlusTagIsRefusedToo() {
    assertThat(policy.violations("I am MARIA.GONZALEZ, hi", EMAIL)).containsExactly(PasswordPolicy.CONTAINS_EMAIL);
  }

  @Test
  void aLocalPartShorterThanFourCharactersIsNotChecked() {
    assertThat(policy.violations("sweet anna karenina", "ann@example.com")).isEmpty();
    assertThat(policy.violations("a tenna cable is here", "tenn@example.com"))
        .containsExactly(PasswordPolicy.CONTAINS_EMAIL);
  }

  @Test
  void thePlusTagAloneIsNotChecked() {
    assertThat(policy.violations("tangerine-kayak-moss", "ab+moss@example.com")).isEmpty();
  }

  @Test
  void aMissingEmailSkipsTheEmailRule() {
    assertThat(policy.violations("maria.gonzalez is here", null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"aaaaaaaaaaaa", "############", "            ", "ëëëëëëëëëëëë", "🐙🐙🐙🐙🐙🐙🐙🐙🐙🐙🐙🐙"})
  void oneRepeatedCharacterIsRefused(String password) {
    assertThat(policy.violations(password, EMAIL)).contains(PasswordPolicy.REPEATED)
        .doesNotContain(PasswordPolicy.SEQUENCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcdefghijkl", "ABCDEFGHIJKLMNOP", "lkjihgfedcba", "uvwxyzabcdef", "345678901234",
      "210987654321", "6789012345678", "nopqrstuvwxy", "CbAzYxWvUtSr"})
  void aSimpleSequenceIsRefused(String password) {
    assertThat(policy.violations(password, EMAIL)).contains(PasswordPolicy.SEQUENCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcdefghijkm", "abcdefedcba9", "0123456789ab", "abcdef123456", "acegikmoqsuw",
      "135791357913"})
  void aNearSequenceIsNotASimpleSequence(String password) {
    assertThat(policy.violations(password, EMAIL)).doesNotContain(PasswordPolicy.SEQUENCE);
  }

  @Test
  void everyProblemIsReportedInAStableOrder() {
    List<String> problems = policy.violations("mariamariamar", "maria@example.com");
    assertThat(problems).containsExactly(PasswordPolicy.CONTAINS_EMAIL);

    assertThat(policy.violations("aaaa", "aaaa@example.com"))
        .containsExactly(PasswordPolicy.TOO_SHORT, PasswordPolicy.CONTAINS_EMAIL, PasswordPolicy.REPEATED);
    assertThat(policy.violations("abc", EMAIL))
        .containsExactly(PasswordPolicy.TOO_SHORT, PasswordPolicy.TOO_COMMON, PasswordPolicy.SEQUENCE);
  }

  @Test
  void anEmptyPasswordIsOnlyTooShort() {
    assertThat(policy.violations("", EMAIL)).containsExactly(PasswordPolicy.TOO_SHORT);
  }

  @Test
  void messagesAreSentencesForPeople() {
    for (String message : List.of(PasswordPolicy.TOO_SHORT, PasswordPolicy.TOO_LONG, PasswordPolicy.TOO_COMMON,
        PasswordPolicy.CONTAINS_EMAIL, PasswordPolicy.REPEATED, PasswordPolicy.SEQUENCE)) {
      assertThat(message).matches("[A-Z].*\\.");
    }
    assertThat(PasswordPolicy.TOO_SHORT).contains("12");
    assertThat(PasswordPolicy.TOO_LONG).contains("128");
  }
}
