package com.jobswipe.auth;

import com.jobswipe.config.AuthConfig;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

  /** From the reference implementation's CLI: {@code echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1}. */
  private static final String REFERENCE =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  /** Small enough to keep the tests fast; production uses OWASP's 19 MiB, 2 passes. */
  private static final AuthConfig.Argon2 FAST = new AuthConfig.Argon2(8192, 1, 1);

  private final PasswordHasher hasher = new PasswordHasher(FAST);

  @Test
  void acceptsAHashMadeByTheReferenceImplementation() {
    assertThat(hasher.verify(REFERENCE, "password")).isTrue();
  }

  @Test
  void refusesTheWrongPasswordAgainstTheReferenceHash() {
    assertThat(hasher.verify(REFERENCE, "Password")).isFalse();
    assertThat(hasher.verify(REFERENCE, "password ")).isFalse();
    assertThat(hasher.verify(REFERENCE, "")).isFalse();
  }

  @Test
  void aHashIsAPhcStringWithTheConfiguredCost() {
    String phc = hasher.hash("correct horse battery staple");

    assertThat(phc).matches("\\$argon2id\\$v=19\\$m=8192,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void theProductionDefaultsAppearInTheString() {
    PasswordHasher owasp = new PasswordHasher(new AuthConfig.Argon2(19456, 2, 1));

    assertThat(owasp.hash("x")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String phc = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify(phc, "correct horse battery staple")).isTrue();
    assertThat(hasher.verify(phc, "correct horse battery stapl")).isFalse();
    assertThat(hasher.verify(phc, "Correct horse battery staple")).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
  }

  @Test
  void ourHashesAreWhatArgon2idComputesForTheEncodedSaltAndCost() {
    String phc = hasher.hash("pässwörd 🔑");
    String[] fields = phc.split("\\$");
    byte[] salt = Base64.getDecoder().decode(fields[4]);

    Argon2BytesGenerator reference = new Argon2BytesGenerator();
    reference.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(8192).withIterations(1).withParallelism(1).withSalt(salt).build());
    byte[] expected = new byte[32];
    reference.generateBytes("pässwörd 🔑".getBytes(StandardCharsets.UTF_8), expected);

    assertThat(salt).hasSize(16);
    assertThat(Base64.getDecoder().decode(fields[5])).isEqualTo(expected);
  }

  @Test
  void oldHashesKeepVerifyingAfterTheCostIsRaised() {
    String old = hasher.hash("a password from last year");

    PasswordHasher raised = new PasswordHasher(new AuthConfig.Argon2(16384, 2, 2));

    assertThat(raised.verify(old, "a password from last year")).isTrue();
    assertThat(raised.needsRehash(old)).isTrue();
    assertThat(raised.needsRehash(raised.hash("a password from last year"))).isFalse();
  }

  @Test
  void theConfigsMostPassesAndLanesStillVerify() {
    PasswordHasher most = new PasswordHasher(new AuthConfig.Argon2(8192, 10, 8));

    assertThat(hasher.verify(most.hash("many passes, many lanes"), "many passes, many lanes")).isTrue();
  }

  @Test
  void aHashUnderTheCurrentCostNeedsNoRehash() {
    assertThat(hasher.needsRehash(hasher.hash("whatever it is"))).isFalse();
  }

  @Test
  void anyCostDifferenceNeedsARehash() {
    String phc = hasher.hash("whatever it is");

    assertThat(new PasswordHasher(new AuthConfig.Argon2(8193, 1, 1)).needsRehash(phc)).isTrue();
    assertThat(new PasswordHasher(new AuthConfig.Argon2(8192, 2, 1)).needsRehash(phc)).isTrue();
    assertThat(new PasswordHasher(new AuthConfig.Argon2(8192, 1, 2)).needsRehash(phc)).isTrue();
    assertThat(hasher.needsRehash(REFERENCE)).isTrue();
    assertThat(new PasswordHasher(new AuthConfig.Argon2(65536, 2, 1)).needsRehash(REFERENCE))
        .as("8-byte salt is shorter than the 16 bytes new hashes get")
        .isTrue();
  }

  @Test
  void aHashOfAnotherLengthStillVerifiesButNeedsARehash() {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(8192).withIterations(1).withParallelism(1).withSalt(salt).build());
    byte[] out = new byte[16];
    generator.generateBytes("short output".getBytes(StandardCharsets.UTF_8), out);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String phc = "$argon2id$v=19$m=8192,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);

    assertThat(hasher.verify(phc, "short output")).isTrue();
    assertThat(hasher.needsRehash(phc)).isTrue();
  }

  @Test
  void aSingleChangedCharacterInTheStoredHashFailsVerification() {
    String phc = hasher.hash("tamper with me please");
    char last = phc.charAt(phc.length() - 2);
    String altered = phc.substring(0, phc.length() - 2) + (last == 'A' ? 'B' : 'A') + phc.charAt(phc.length() - 1);

    assertThat(hasher.verify(altered, "tamper with me please")).isFalse();
  }

  @Test
  void theSamePasswordComposedOrDecomposedVerifies() {
    String composed = "caf\u00e9 au lait tous les jours";
    String decomposed = "cafe\u0301 au lait tous les jours";

    assertThat(hasher.verify(hasher.hash(composed), decomposed)).isTrue();
    assertThat(hasher.verify(hasher.hash(decomposed), composed)).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "",
      "garbage",
      "$argon2id$",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$",
      "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=0,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=15,t=2,p=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=9999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2147483648,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=1000,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMa",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=",
      "$argon2id$v=19$m=65536,t=2,p=1$c29t-XNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1,keyid=x$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      " $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$extra",
      "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
          + "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPcAAAA"})
  void aMalformedStoredStringVerifiesNothingAndNeedsARehash(String phc) {
    assertThat(hasher.verify(phc, "password")).isFalse();
    assertThat(hasher.needsRehash(phc)).isTrue();
  }

  @Test
  void impossibleCostsAreRefusedAtConstruction() {
    assertThatThrownBy(() -> new PasswordHasher(new AuthConfig.Argon2(8192, 0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordHasher(new AuthConfig.Argon2(8192, 1, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordHasher(new AuthConfig.Argon2(15, 1, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordHasher(null)).isInstanceOf(NullPointerException.class);
  }
}
