package com.jobswipe.crypto;

import com.jobswipe.crypto.CryptoException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataKeyRingTest {

  private static final String CONTEXT = "users.mfa_secret:42";
  private static final byte[] SECRET = "JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.US_ASCII);
  /** 32 bytes 0x00..0x1f and 32 bytes 0x20..0x3f, so tests can check what does and does not leak. */
  private static final String KEY_A = Base64.getEncoder().encodeToString(bytes(0, 32));
  private static final String KEY_B = Base64.getEncoder().encodeToString(bytes(32, 32));

  @Test
  void aValueRoundTrips() {
    DataKeyRing ring = DataKeyRing.generate("k1");

    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    assertThat(ring.decrypt(sealed, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void anEmptyValueRoundTrips() {
    DataKeyRing ring = DataKeyRing.generate("k1");

    assertThat(ring.decrypt(ring.encrypt(new byte[0], CONTEXT), CONTEXT)).isEmpty();
  }

  @Test
  void stringsRoundTripAsUtf8() {
    DataKeyRing ring = DataKeyRing.generate("k1");

    byte[] sealed = ring.encryptString("Zoë Straße 7, 東京", "profiles.address:7");

    assertThat(ring.decryptString(sealed, "profiles.address:7")).isEqualTo("Zoë Straße 7, 東京");
  }

  @Test
  void theEnvelopeHasVersionKidNonceCiphertextAndTag() {
    DataKeyRing ring = DataKeyRing.parse("prod-2025_01:" + KEY_A);

    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    String kid = "prod-2025_01";
    assertThat(sealed[0]).isEqualTo((byte) 0x01);
    assertThat(sealed[1]).isEqualTo((byte) kid.length());
    assertThat(new String(sealed, 2, kid.length(), StandardCharsets.US_ASCII)).isEqualTo(kid);
    assertThat(sealed).hasSize(2 + kid.length() + 12 + SECRET.length + 16);
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentEnvelopes() {
    DataKeyRing ring = DataKeyRing.generate("k1");

    assertThat(ring.encrypt(SECRET, CONTEXT)).isNotEqualTo(ring.encrypt(SECRET, CONTEXT));
  }

  @Test
  void theEnvelopeDoesNotContainThePlaintext() {
    DataKeyRing ring = DataKeyRing.generate("k1");

    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    assertThat(indexOf(sealed, SECRET)).isEqualTo(-1);
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
    DataKeyRing ring = DataKeyRing.generate("k1");
    byte[] sealed = ring.encrypt(SECRET, "users.mfa_secret:42");

    assertThatThrownBy(() -> ring.decrypt(sealed, "users.mfa_secret:43"))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED));
  }

  @Test
  void aCiphertextMovedToAnotherColumnDoesNotDecrypt() {
    DataKeyRing ring = DataKeyRing.generate("k1");
    byte[] sealed = ring.encrypt(SECRET, "users.mfa_secret:42");

    assertThatThrownBy(() -> ring.decrypt(sealed, "users.phone:42"))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED));
  }

  @Test
  void aFlippedBitAnywhereAfterTheHeaderIsDetected() {
    DataKeyRing ring = DataKeyRing.parse("k1:" + KEY_A);
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);
    int nonceAt = 2 + 2;
    int ciphertextAt = nonceAt + 12;
    int tagAt = sealed.length - 16;

    for (int position : new int[] {nonceAt, nonceAt + 11, ciphertextAt, ciphertextAt + SECRET.length - 1, tagAt,
        sealed.length - 1}) {
      byte[] tampered = flipBit(sealed, position);
      assertThatThrownBy(() -> ring.decrypt(tampered, CONTEXT))
          .as("bit flipped at byte %d", position)
          .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED));
    }
  }

  @Test
  void everySingleBitFlipIsDetected() {
    DataKeyRing ring = DataKeyRing.parse("k1:" + KEY_A);
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] tampered = sealed.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> ring.decrypt(tampered, CONTEXT)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void aKidRewrittenToAnotherKeyInTheRingIsDetected() {
    // Same kid length, so only the label changes: "k1" becomes "k2", a key the ring also holds.
    DataKeyRing ring = DataKeyRing.parse("k1:" + KEY_A + ",k2:" + KEY_B);
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);
    byte[] relabelled = sealed.clone();
    relabelled[3] = '2';

    assertThat(DataKeyRing.keyIdOf(relabelled)).isEqualTo("k2");
    assertThatThrownBy(() -> ring.decrypt(relabelled, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED));
  }

  @Test
  void aKidFlippedToOneNotInTheRingIsAnUnknownKey() {
    DataKeyRing ring = DataKeyRing.parse("k1:" + KEY_A);
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    byte[] tampered = flipBit(sealed, 3); // '1' (0x31) becomes '0' (0x30)

    assertThatThrownBy(() -> ring.decrypt(tampered, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
          assertThat(e).hasMessageContaining("'k0'");
        });
  }

  @Test
  void aKidWithCharactersOutsideTheAlphabetIsMalformed() {
    DataKeyRing ring = DataKeyRing.parse("k1:" + KEY_A);
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);
    sealed[2] = (byte) 0xC3;

    assertThatThrownBy(() -> ring.decrypt(sealed, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void aKidLengthOutOfRangeIsMalformed() {
    DataKeyRing ring = DataKeyRing.parse("k1:" + KEY_A);
    byte[] zero = ring.encrypt(SECRET, CONTEXT);
    zero[1] = 0;
    byte[] tooLong = ring.encrypt(SECRET, CONTEXT);
    tooLong[1] = 33;

    for (byte[] envelope : List.of(zero, tooLong)) {
      assertThatThrownBy(() -> ring.decrypt(envelope, CONTEXT))
          .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }
  }

  @Test
  void aValueSealedUnderAKeyNotInTheRingIsAnUnknownKey() {
    DataKeyRing staging = DataKeyRing.generate("staging");
    DataKeyRing production = DataKeyRing.generate("production");

    byte[] sealed = staging.encrypt(SECRET, CONTEXT);

    assertThatThrownBy(() -> production.decrypt(sealed, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
          assertThat(e).hasMessageContaining("staging");
        });
  }

  @Test
  void aSameNamedKeyWithDifferentMaterialDoesNotDecrypt() {
    byte[] sealed = DataKeyRing.parse("k1:" + KEY_A).encrypt(SECRET, CONTEXT);

    assertThatThrownBy(() -> DataKeyRing.parse("k1:" + KEY_B).decrypt(sealed, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED));
  }

  @Test
  void anUnknownVersionIsRefused() {
    DataKeyRing ring = DataKeyRing.generate("k1");
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);
    sealed[0] = 0x02;

    assertThatThrownBy(() -> ring.decrypt(sealed, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
          assertThat(e).hasMessageContaining("version 2");
        });
    assertThatThrownBy(() -> DataKeyRing.keyIdOf(sealed)).isInstanceOf(CryptoException.class);
  }

  @Test
  void everyTruncationIsRefused() {
    DataKeyRing ring = DataKeyRing.generate("k1");
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    for (int length = 0; length < sealed.length; length++) {
      byte[] truncated = Arrays.copyOf(sealed, length);
      assertThatThrownBy(() -> ring.decrypt(truncated, CONTEXT))
          .as("truncated to %d bytes", length)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void anEnvelopeShorterThanHeaderNonceAndTagIsTruncated() {
    DataKeyRing ring = DataKeyRing.generate("k1");
    byte[] sealed = ring.encrypt(new byte[0], CONTEXT);

    for (int length : new int[] {0, 1, 3, 4 + 12, sealed.length - 1}) {
      byte[] truncated = Arrays.copyOf(sealed, length);
      assertThatThrownBy(() -> ring.decrypt(truncated, CONTEXT))
          .as("truncated to %d bytes", length)
          .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }
  }

  @Test
  void aValueSealedUnderTheOldKeyStillDecryptsAfterRotation() {
    DataKeyRing before = DataKeyRing.generate("2025-01");
    byte[] old = before.encrypt(SECRET, CONTEXT);

    DataKeyRing after = before.withNewCurrentKey("2025-07");

    assertThat(after.currentKeyId()).isEqualTo("2025-07");
    assertThat(after.keyIds()).containsExactly("2025-07", "2025-01");
    assertThat(after.decrypt(old, CONTEXT)).isEqualTo(SECRET);
    assertThat(DataKeyRing.keyIdOf(after.encrypt(SECRET, CONTEXT))).isEqualTo("2025-07");
  }

  @Test
  void rotationLeavesTheOriginalRingUnchanged() {
    DataKeyRing before = DataKeyRing.generate("2025-01");

    before.withNewCurrentKey("2025-07");

    assertThat(before.keyIds()).containsExactly("2025-01");
  }

  @Test
  void reencryptMovesAValueToTheCurrentKey() {
    DataKeyRing ring = DataKeyRing.generate("old");
    byte[] old = ring.encrypt(SECRET, CONTEXT);
    DataKeyRing rotated = ring.withNewCurrentKey("new");
    assertThat(rotated.isCurrent(old)).isFalse();

    byte[] moved = rotated.reencrypt(old, CONTEXT);

    assertThat(DataKeyRing.keyIdOf(moved)).isEqualTo("new");
    assertThat(rotated.isCurrent(moved)).isTrue();
    assertThat(rotated.decrypt(moved, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void reencryptKeepsTheContextBinding() {
    DataKeyRing ring = DataKeyRing.generate("old").withNewCurrentKey("new");
    byte[] moved = ring.reencrypt(ring.encrypt(SECRET, "users.mfa_secret:1"), "users.mfa_secret:1");

    assertThatThrownBy(() -> ring.decrypt(moved, "users.mfa_secret:2")).isInstanceOf(CryptoException.class);
  }

  @Test
  void reencryptRefusesAValueThatDoesNotOpen() {
    DataKeyRing ring = DataKeyRing.generate("k1");
    byte[] sealed = ring.encrypt(SECRET, "users.mfa_secret:1");

    assertThatThrownBy(() -> ring.reencrypt(sealed, "users.mfa_secret:2")).isInstanceOf(CryptoException.class);
  }

  @Test
  void aRetiredKeyNoLongerDecrypts() {
    DataKeyRing both = DataKeyRing.parse("new:" + KEY_B + ",old:" + KEY_A);
    byte[] old = both.encrypt(SECRET, CONTEXT);
    DataKeyRing oldOnly = DataKeyRing.parse("old:" + KEY_A);
    byte[] sealedUnderOld = oldOnly.encrypt(SECRET, CONTEXT);

    DataKeyRing retired = DataKeyRing.parse("new:" + KEY_B);

    assertThat(retired.decrypt(old, CONTEXT)).isEqualTo(SECRET);
    assertThatThrownBy(() -> retired.decrypt(sealedUnderOld, CONTEXT))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }

  @Test
  void theFirstKeyInTheSpecEncryptsAndAllDecrypt() {
    byte[] underB = DataKeyRing.parse("b:" + KEY_B).encrypt(SECRET, CONTEXT);

    DataKeyRing ring = DataKeyRing.parse("a:" + KEY_A + ", b:" + KEY_B);

    assertThat(ring.currentKeyId()).isEqualTo("a");
    assertThat(DataKeyRing.keyIdOf(ring.encrypt(SECRET, CONTEXT))).isEqualTo("a");
    assertThat(ring.decrypt(underB, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void theSpecRoundTripsThroughParse() {
    DataKeyRing ring = DataKeyRing.generate("k1").withNewCurrentKey("k2");
    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    DataKeyRing reread = DataKeyRing.parse(ring.spec());

    assertThat(reread.keyIds()).containsExactly("k2", "k1");
    assertThat(reread.decrypt(sealed, CONTEXT)).isEqualTo(SECRET);
    assertThat(reread.spec()).isEqualTo(ring.spec());
  }

  @Test
  void theSpecIsTheConfiguredOne() {
    String spec = "a:" + KEY_A + ",b:" + KEY_B;

    assertThat(DataKeyRing.parse(spec).spec()).isEqualTo(spec);
  }

  @Test
  void keysWithoutBase64PaddingAreAccepted() {
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(bytes(0, 32));

    assertThat(DataKeyRing.parse("k1:" + unpadded).spec()).isEqualTo("k1:" + KEY_A);
  }

  @Test
  void generatedKeysDiffer() {
    Set<String> specs = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      specs.add(DataKeyRing.generate("k").spec());
    }

    assertThat(specs).hasSize(20);
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedWithoutShowingIt() {
    String shortKey = Base64.getEncoder().encodeToString(bytes(100, 16));

    assertThatThrownBy(() -> DataKeyRing.parse("k1:" + shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("got 16")
        .hasMessageNotContaining(shortKey);
  }

  @Test
  void aKeyThatIsNotBase64IsRefusedWithoutShowingIt() {
    String notBase64 = "s3cr3t!!s3cr3t!!s3cr3t!!s3cr3t!!s3cr3t!!s3c=";

    assertThatThrownBy(() -> DataKeyRing.parse("k1:" + notBase64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64")
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining("!");
  }

  @Test
  void anEntryWithoutAKidIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> DataKeyRing.parse("k1:" + KEY_A + "," + KEY_B))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 2")
        .hasMessageNotContaining(KEY_A)
        .hasMessageNotContaining(KEY_B);
  }

  @Test
  void entriesInTheWrongOrderAreRefusedWithoutShowingTheKey() {
    // key:kid instead of kid:key: what stands in the kid's place is key material and must not be echoed.
    assertThatThrownBy(() -> DataKeyRing.parse(KEY_A + ":k1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key id must match")
        .hasMessageNotContaining(KEY_A.substring(0, 8));
  }

  @Test
  void badKidsAreRefused() {
    for (String kid : new String[] {"", "has space", "dot.ted", "ünï", "a".repeat(33), "semi;colon"}) {
      assertThatThrownBy(() -> DataKeyRing.parse(kid + ":" + KEY_A))
          .as("kid '%s'", kid)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> DataKeyRing.generate(kid))
          .as("kid '%s'", kid)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theLongestAllowedKidWorks() {
    String kid = "A-z_9".repeat(6) + "xy";
    DataKeyRing ring = DataKeyRing.generate(kid);

    byte[] sealed = ring.encrypt(SECRET, CONTEXT);

    assertThat(DataKeyRing.keyIdOf(sealed)).isEqualTo(kid).hasSize(32);
    assertThat(ring.decrypt(sealed, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void duplicateKidsAreRefused() {
    assertThatThrownBy(() -> DataKeyRing.parse("k1:" + KEY_A + ",k1:" + KEY_B))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k1'")
        .hasMessageContaining("more than once")
        .hasMessageNotContaining(KEY_A)
        .hasMessageNotContaining(KEY_B);
  }

  @Test
  void rotatingToAKidAlreadyInTheRingIsRefused() {
    DataKeyRing ring = DataKeyRing.generate("k1");

    assertThatThrownBy(() -> ring.withNewCurrentKey("k1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptySpecsAndEmptyEntriesAreRefused() {
    for (String spec : new String[] {null, "", "  ", "k1:" + KEY_A + ",", ",k1:" + KEY_A, "k1:"}) {
      assertThatThrownBy(() -> DataKeyRing.parse(spec))
          .as("spec '%s'", spec)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toStringShowsKidsButNoKeys() {
    DataKeyRing ring = DataKeyRing.parse("a:" + KEY_A + ",b:" + KEY_B);

    assertThat(ring.toString()).contains("a", "b").doesNotContain(KEY_A).doesNotContain(KEY_B);
  }

  @Test
  void keyIdOfReadsTheHeaderWithoutTheKey() {
    byte[] sealed = DataKeyRing.generate("some-kid").encrypt(SECRET, CONTEXT);

    assertThat(DataKeyRing.keyIdOf(sealed)).isEqualTo("some-kid");
  }

  @Test
  void manyThreadsCanSealAndOpenAtOnce() throws Exception {
    DataKeyRing ring = DataKeyRing.generate("k1");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            String context = "row:" + thread + ":" + i;
            byte[] value = (thread + "/" + i).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(ring.decrypt(ring.encrypt(value, context), context), value)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bytes(int from, int count) {
    byte[] b = new byte[count];
    for (int i = 0; i < count; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  private static byte[] flipBit(byte[] envelope, int position) {
    byte[] copy = envelope.clone();
    copy[position] ^= 0x01;
    return copy;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
