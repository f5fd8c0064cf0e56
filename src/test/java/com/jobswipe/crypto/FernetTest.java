package com.jobswipe.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.jobswipe.crypto.CryptoException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks {@link Fernet} against the acceptance vectors published in
 * <a href="https://github.com/fernet/spec">fernet/spec</a>, kept verbatim under {@code fixtures/fernet/}:
 * {@code generate.json} and {@code verify.json} as stored at commit 1f1349412669969deda422c44f369e17fc14e26b,
 * {@code invalid.json} at 8a219208ed1884505ff1f638028fd6fcc51aeb5a.
 *
 * <p>Those generate and verify files also carry a draft 0x81 entry whose token is the literal {@code "TODO"} (and
 * generate.json a trailing comma, hence the lenient parser). Such an entry holds no vector; it is skipped, and
 * {@link #everyPublishedVectorIsCountedAndOnlyTodoPlaceholdersAreSkipped} fails if anything else would be.
 */
class FernetTest {

  private static final String FIXTURES = "/fixtures/fernet/";
  private static final String PLACEHOLDER_TOKEN = "TODO";
  /** 0x00..0x1f: the first half signs, the second encrypts. */
  private static final String KEY = Base64.getUrlEncoder().encodeToString(bytes(0, 32));
  private static final Instant T0 = Instant.parse("2023-11-14T22:13:20Z");

  /**
   * Written by Python's {@code cryptography} 48.0.0, the predecessor's library:
   * {@code Fernet(KEY).encrypt_at_time(PYTHON_PLAINTEXT, 1700000000)}. Five blocks of UTF-8, random IV.
   */
  private static final String PYTHON_TOKEN = "gAAAAABlU_EAEVw6iNFuy73NFpCvaJ_arD5OXb_YqeslEIqA85mgCf8NVttFhkXFVyv2SJfL48D"
      + "x3jsiFmI47LK7JCPsuJ6g3GpDp5xlxvZsbdPh-APxsmpByHfGWFtiDhWNcmjGPMlCIZ6Ds9uR1aImmugBHcaSuEKNzHkkoGQQfdp221RLz6"
      + "XBlw8mapcRnnwrOlkjM8AH";
  private static final String PYTHON_PLAINTEXT =
      "{\"email\":\"zoë@example.com\",\"phone\":\"+49 30 1234567\",\"note\":\"Straße 7, 東京\"}";

  /**
   * Which check must reject each invalid vector, by its {@code desc}: the reason, and a phrase from the message that
   * only that check writes. A vector added upstream with a new desc fails until it is placed here.
   */
  private static final Map<String, Rejection> EXPECTED_REJECTIONS = Map.ofEntries(
      Map.entry("incorrect mac", new Rejection(Reason.TAMPERED, "HMAC did not verify")),
      Map.entry("too short", new Rejection(Reason.TRUNCATED, "is truncated")),
      Map.entry("invalid base64", new Rejection(Reason.MALFORMED, "not valid base64url")),
      Map.entry("payload size not multiple of block size",
          new Rejection(Reason.MALFORMED, "not a multiple of the AES block size")),
      Map.entry("payload padding error", new Rejection(Reason.MALFORMED, "padding is invalid")),
      Map.entry("far-future TS (unacceptable clock skew)", new Rejection(Reason.MALFORMED, "in the future")),
      Map.entry("expired TTL", new Rejection(Reason.MALFORMED, "expired")),
      Map.entry("incorrect IV (causes padding error)", new Rejection(Reason.MALFORMED, "padding is invalid")),
      Map.entry("trailing characters after b64 padding", new Rejection(Reason.MALFORMED, "not valid base64url")),
      Map.entry("invalid characters in b64", new Rejection(Reason.MALFORMED, "not valid base64url")),
      Map.entry("invalid non-urlsafe characters in b64", new Rejection(Reason.MALFORMED, "not valid base64url")));

  private record Rejection(Reason reason, String check) {
  }

  // --- the spec's vectors ---

  @Test
  void everyPublishedVectorIsCountedAndOnlyTodoPlaceholdersAreSkipped() {
    List<Map<String, Object>> generate = load("generate.json");
    List<Map<String, Object>> verify = load("verify.json");
    List<Map<String, Object>> invalid = load("invalid.json");

    assertThat(generate).filteredOn(v -> !isVector(v))
        .allSatisfy(v -> assertThat(v.get("token")).isEqualTo(PLACEHOLDER_TOKEN));
    assertThat(verify).filteredOn(v -> !isVector(v))
        .allSatisfy(v -> assertThat(v.get("token")).isEqualTo(PLACEHOLDER_TOKEN));
    assertThat(generateVectors()).hasSize(1);
    assertThat(verifyVectors()).hasSize(1);
    assertThat(invalid).hasSize(11).allSatisfy(v -> assertThat(v.get("token")).isNotEqualTo(PLACEHOLDER_TOKEN));
    assertThat(invalid).extracting(v -> (String) v.get("desc"))
        .containsExactlyInAnyOrderElementsOf(EXPECTED_REJECTIONS.keySet());
  }

  @ParameterizedTest(name = "generate #{index}: {0}")
  @MethodSource("generateVectors")
  void generatesTheSpecToken(String token, Map<String, Object> vector) {
    Fernet fernet = new Fernet((String) vector.get("secret"));
    Instant now = instant(vector.get("now"));
    byte[] iv = iv(vector.get("iv"));

    String generated = fernet.encrypt(utf8(vector.get("src")), now, iv);

    assertThat(generated).isEqualTo(token);
  }

  @ParameterizedTest(name = "verify #{index}: {0}")
  @MethodSource("verifyVectors")
  void verifiesTheSpecToken(String token, Map<String, Object> vector) {
    Fernet fernet = new Fernet((String) vector.get("secret"));

    byte[] plaintext = fernet.decrypt(token, Optional.of(ttl(vector)), clockAt(vector.get("now")));

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(vector.get("src"));
  }

  @ParameterizedTest(name = "invalid: {0}")
  @MethodSource("invalidVectors")
  void rejectsTheSpecInvalidTokenAtTheExpectedCheck(String desc, Map<String, Object> vector) {
    Fernet fernet = new Fernet((String) vector.get("secret"));
    Rejection expected = EXPECTED_REJECTIONS.get(desc);
    assertThat(expected).as("no expected check recorded for invalid vector '%s'", desc).isNotNull();

    assertThatThrownBy(() -> fernet.decrypt(
        (String) vector.get("token"), Optional.of(ttl(vector)), clockAt(vector.get("now"))))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining(expected.check())
        .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(expected.reason()));
  }

  static List<Object[]> generateVectors() {
    return load("generate.json").stream().filter(FernetTest::isVector)
        .map(v -> new Object[] {v.get("token"), v}).toList();
  }

  static List<Object[]> verifyVectors() {
    return load("verify.json").stream().filter(FernetTest::isVector)
        .map(v -> new Object[] {v.get("token"), v}).toList();
  }

  static List<Object[]> invalidVectors() {
    return load("invalid.json").stream().map(v -> new Object[] {v.get("desc"), v}).toList();
  }

  // --- interoperability and behaviour around the vectors ---

  @Test
  void opensATokenWrittenByPythonCryptography() {
    Fernet fernet = new Fernet(KEY);

    byte[] plaintext = fernet.decrypt(PYTHON_TOKEN, Optional.of(Duration.ofSeconds(60)),
        Clock.fixed(Instant.ofEpochSecond(1_700_000_030L), ZoneOffset.UTC));

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PYTHON_PLAINTEXT);
  }

  @Test
  void aValueRoundTripsWithARandomIv() {
    Fernet fernet = new Fernet(KEY);
    byte[] message = "sk_live_0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    String token = fernet.encrypt(message);

    assertThat(fernet.decrypt(token, Optional.of(Duration.ofMinutes(5)), Clock.systemUTC())).isEqualTo(message);
    assertThat(fernet.encrypt(message)).isNotEqualTo(token);
  }

  @Test
  void anEmptyMessageRoundTripsAsOneBlock() {
    Fernet fernet = new Fernet(KEY);

    String token = fernet.encrypt(new byte[0], T0, bytes(100, 16));

    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(1 + 8 + 16 + 16 + 32);
    assertThat(fernet.decrypt(token, Optional.empty(), Clock.fixed(T0, ZoneOffset.UTC))).isEmpty();
  }

  @Test
  void theKeyIsAcceptedWithOrWithoutPadding() {
    String padded = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    String token = new Fernet(padded).encrypt(bytes(0, 5), T0, bytes(0, 16));

    assertThat(new Fernet(padded.substring(0, padded.length() - 1)).encrypt(bytes(0, 5), T0, bytes(0, 16)))
        .isEqualTo(token);
  }

  @Test
  void aKeyOfTheWrongLengthIsRejectedWithoutEchoingIt() {
    String shortKey = Base64.getUrlEncoder().encodeToString(bytes(0, 16));

    assertThatThrownBy(() -> new Fernet(shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
  }

  @Test
  void aKeyThatIsNotBase64UrlIsRejectedWithoutEchoingIt() {
    String standardAlphabet = "cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=";

    assertThatThrownBy(() -> new Fernet(standardAlphabet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("cw/0x");
  }

  @Test
  void anotherKeyFailsTheHmacCheck() {
    String token = new Fernet(KEY).encrypt(bytes(0, 20), T0, bytes(0, 16));
    Fernet other = new Fernet(Base64.getUrlEncoder().encodeToString(bytes(32, 32)));

    assertThatThrownBy(() -> other.decrypt(token, Optional.empty(), Clock.fixed(T0, ZoneOffset.UTC)))
        .isInstanceOf(CryptoException.class)
        .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(Reason.TAMPERED));
  }

  @Test
  void anyFlippedBitAfterTheVersionFailsTheHmacCheck() {
    Fernet fernet = new Fernet(KEY);
    byte[] token = Base64.getUrlDecoder().decode(fernet.encrypt(bytes(0, 20), T0, bytes(0, 16)));
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    for (int i = 1; i < token.length; i++) {
      byte[] altered = token.clone();
      altered[i] ^= 0x01;
      String encoded = Base64.getUrlEncoder().encodeToString(altered);
      assertThatThrownBy(() -> fernet.decrypt(encoded, Optional.empty(), clock))
          .as("byte %d flipped", i)
          .isInstanceOf(CryptoException.class)
          .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(Reason.TAMPERED));
    }
  }

  @Test
  void anotherVersionByteIsUnsupported() {
    Fernet fernet = new Fernet(KEY);
    byte[] token = Base64.getUrlDecoder().decode(fernet.encrypt(bytes(0, 20), T0, bytes(0, 16)));
    token[0] = (byte) 0x81;
    String encoded = Base64.getUrlEncoder().encodeToString(token);

    assertThatThrownBy(() -> fernet.decrypt(encoded, Optional.empty(), Clock.fixed(T0, ZoneOffset.UTC)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("0x81")
        .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(Reason.UNSUPPORTED_VERSION));
  }

  @Test
  void anEmptyTokenIsTruncated() {
    Fernet fernet = new Fernet(KEY);

    assertThatThrownBy(() -> fernet.decrypt("", Optional.empty(), Clock.systemUTC()))
        .isInstanceOf(CryptoException.class)
        .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(Reason.TRUNCATED));
  }

  @Test
  void withoutATtlAnOldTokenStillOpens() {
    Fernet fernet = new Fernet(KEY);
    String token = fernet.encrypt(bytes(0, 3), T0, bytes(0, 16));

    byte[] plaintext = fernet.decrypt(token, Optional.empty(), Clock.fixed(T0.plus(Duration.ofDays(3650)),
        ZoneOffset.UTC));

    assertThat(plaintext).isEqualTo(bytes(0, 3));
  }

  @Test
  void aTokenExactlyTtlOldOpensAndOneSecondOlderDoesNot() {
    Fernet fernet = new Fernet(KEY);
    String token = fernet.encrypt(bytes(0, 3), T0, bytes(0, 16));
    Optional<Duration> ttl = Optional.of(Duration.ofSeconds(60));

    assertThat(fernet.decrypt(token, ttl, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))).hasSize(3);
    // Whole seconds, as the reference implementations count: 60.9 s is still 60.
    assertThat(fernet.decrypt(token, ttl, Clock.fixed(T0.plusMillis(60_900), ZoneOffset.UTC))).hasSize(3);
    assertThatThrownBy(() -> fernet.decrypt(token, ttl, Clock.fixed(T0.plusSeconds(61), ZoneOffset.UTC)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void aTokenUpToSixtySecondsAheadOpensAndFurtherDoesNot() {
    Fernet fernet = new Fernet(KEY);
    String token = fernet.encrypt(bytes(0, 3), T0, bytes(0, 16));

    assertThat(fernet.decrypt(token, Optional.empty(), Clock.fixed(T0.minusSeconds(60), ZoneOffset.UTC)))
        .hasSize(3);
    assertThatThrownBy(() -> fernet.decrypt(token, Optional.empty(),
        Clock.fixed(T0.minusSeconds(61), ZoneOffset.UTC)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("in the future");
  }

  @Test
  void aTimestampWithTheTopBitSetIsTheFarFutureNotThePast() {
    Fernet fernet = new Fernet(KEY);
    byte[] token = Base64.getUrlDecoder().decode(fernet.encrypt(bytes(0, 3), T0, bytes(0, 16)));
    ByteBuffer.wrap(token).putLong(1, 0x8000_0000_0000_0000L);
    String resigned = resign(token, bytes(0, 16));

    assertThatThrownBy(() -> fernet.decrypt(resigned, Optional.of(Duration.ofDays(1)),
        Clock.fixed(T0, ZoneOffset.UTC)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("in the future");
  }

  @Test
  void aNegativeTtlIsAProgrammingError() {
    Fernet fernet = new Fernet(KEY);
    String token = fernet.encrypt(bytes(0, 3), T0, bytes(0, 16));

    assertThatThrownBy(() -> fernet.decrypt(token, Optional.of(Duration.ofSeconds(-1)), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIvOfTheWrongLengthIsRejected() {
    Fernet fernet = new Fernet(KEY);

    assertThatThrownBy(() -> fernet.encrypt(bytes(0, 3), T0, bytes(0, 12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes");
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    String key = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

    assertThat(new Fernet(key).toString()).doesNotContain("cw_0x").doesNotContain(key.substring(22, 30));
  }

  // --- helpers ---

  private static boolean isVector(Map<String, Object> vector) {
    return !PLACEHOLDER_TOKEN.equals(vector.get("token"));
  }

  private static Instant instant(Object isoWithOffset) {
    return OffsetDateTime.parse((String) isoWithOffset).toInstant();
  }

  private static Clock clockAt(Object isoWithOffset) {
    return Clock.fixed(instant(isoWithOffset), ZoneOffset.UTC);
  }

  private static Duration ttl(Map<String, Object> vector) {
    return Duration.ofSeconds(((Number) Objects.requireNonNull(vector.get("ttl_sec"), "ttl_sec")).longValue());
  }

  private static byte[] iv(Object numbers) {
    List<?> list = (List<?>) numbers;
    byte[] iv = new byte[list.size()];
    for (int i = 0; i < iv.length; i++) {
      iv[i] = (byte) ((Number) list.get(i)).intValue();
    }
    return iv;
  }

  private static byte[] utf8(Object text) {
    return ((String) text).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int from, int count) {
    byte[] b = new byte[count];
    for (int i = 0; i < count; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  /** Recomputes the HMAC over an edited token, to reach the checks that come after it. */
  private static String resign(byte[] token, byte[] signingKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      mac.update(token, 0, token.length - 32);
      byte[] signed = Arrays.copyOf(token, token.length);
      System.arraycopy(mac.doFinal(), 0, signed, token.length - 32, 32);
      return Base64.getUrlEncoder().encodeToString(signed);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a fixture as a list of flat objects (strings, numbers, arrays of numbers) with Jackson's streaming
   * parser, which Vert.x already brings. Trailing commas are allowed because one upstream file has one.
   */
  private static List<Map<String, Object>> load(String name) {
    JsonFactory factory = JsonFactory.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    try (InputStream in = Objects.requireNonNull(FernetTest.class.getResourceAsStream(FIXTURES + name), name);
         JsonParser parser = factory.createParser(in)) {
      expect(parser.nextToken(), JsonToken.START_ARRAY, name);
      List<Map<String, Object>> vectors = new ArrayList<>();
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        Map<String, Object> vector = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          vector.put(field, readValue(parser, name));
        }
        vectors.add(vector);
      }
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + name, e);
    }
  }

  private static Object readValue(JsonParser parser, String name) throws IOException {
    JsonToken token = parser.nextToken();
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case START_ARRAY:
        List<Object> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          values.add(parser.getNumberValue());
        }
        return values;
      default:
        throw new IllegalStateException(name + ": unexpected " + token);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String name) {
    if (actual != expected) {
      throw new IllegalStateException(name + ": expected " + expected + ", got " + actual);
    }
  }
}
