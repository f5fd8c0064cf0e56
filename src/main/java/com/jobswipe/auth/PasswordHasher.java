package com.jobswipe.auth;

import com.jobswipe.config.AuthConfig;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format the reference {@code argon2} CLI and most libraries print:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in standard base64 without padding.
 *
 * <p>Verification reads the cost from the stored string, not from the current configuration, so raising the cost
 * leaves existing hashes valid; {@link #needsRehash} tells the sign-in flow to store a fresh hash once it has the
 * plaintext in hand.
 *
 * <p>Passwords are NFKC-normalized before hashing (NIST SP 800-63B 5.1.1.2), so the same password typed on
 * keyboards that compose accents differently still matches. Anything else verifying these hashes must do the same.
 *
 * <p><b>Blocking and expensive:</b> each {@link #hash} or {@link #verify} takes tens of milliseconds of CPU and
 * {@code memoryKiB} of memory. Never call them on an event loop; run them on a worker pool whose size bounds how
 * much memory concurrent sign-ins can take.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  private static final String TYPE = "argon2id";
  private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;

  /**
   * A stored string comes from our own database, but its numbers drive memory and CPU: these bounds keep a corrupt
   * row from asking for more than any allowed configuration could have produced. They must stay at or above
   * AuthConfig's maxima (1 GiB, 10 passes, 8 lanes), or raising the config would lock people out.
   */
  private static final int MAX_MEMORY_KIB = 1024 * 1024;
  private static final int MAX_ITERATIONS = 32;
  private static final int MAX_PARALLELISM = 16;
  private static final int MIN_SALT_BYTES = 8;
  private static final int MIN_HASH_BYTES = 16;
  private static final int MAX_HASH_BYTES = 64;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final AuthConfig.Argon2 cost;

  public PasswordHasher(AuthConfig.Argon2 cost) {
    this.cost = Objects.requireNonNull(cost, "cost");
    if (cost.parallelism() < 1 || cost.iterations() < 1 || cost.memoryKiB() < 8 * cost.parallelism()) {
      throw new IllegalArgumentException("Argon2 needs parallelism >= 1, iterations >= 1, memory >= 8 KiB per lane");
    }
  }

  /** A new PHC string for {@code password} under the current cost, with a fresh random salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Stored params = new Stored(VERSION, cost.memoryKiB(), cost.iterations(), cost.parallelism(), salt, new byte[0]);
    return params.withHash(derive(password, params, HASH_BYTES)).encode();
  }

  /**
   * Whether {@code password} is the one {@code phc} was made from, using the cost recorded in {@code phc}.
   * A missing or malformed stored string verifies nothing: false, never an exception.
   */
  public boolean verify(String phc, String password) {
    Objects.requireNonNull(password, "password");
    Optional<Stored> stored = Stored.parse(phc);
    if (stored.isEmpty()) {
      return false;
    }
    byte[] actual = derive(password, stored.get(), stored.get().hash().length);
    return MessageDigest.isEqual(actual, stored.get().hash());
  }

  /** Whether {@code phc} was made under a different cost or shape than new hashes get (true if unreadable). */
  public boolean needsRehash(String phc) {
    return Stored.parse(phc)
        .map(s -> s.version() != VERSION
            || s.memoryKiB() != cost.memoryKiB()
            || s.iterations() != cost.iterations()
            || s.parallelism() != cost.parallelism()
            || s.salt().length != SALT_BYTES
            || s.hash().length != HASH_BYTES)
        .orElse(true);
  }

  /** Argon2id of the NFKC-normalized password under {@code stored}'s cost and salt; its hash is not read. */
  private static byte[] derive(String password, Stored stored, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(stored.version())
        .withMemoryAsKB(stored.memoryKiB())
        .withIterations(stored.iterations())
        .withParallelism(stored.parallelism())
        .withSalt(stored.salt())
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }

  /** The fields of a PHC string. */
  private record Stored(int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {

    static Optional<Stored> parse(String phc) {
      if (phc == null) {
        return Optional.empty();
      }
      Matcher m = PHC.matcher(phc);
      if (!m.matches()) {
        return Optional.empty();
      }
      try {
        int version = Integer.parseInt(m.group(1));
        long memory = Long.parseLong(m.group(2));
        long iterations = Long.parseLong(m.group(3));
        long parallelism = Long.parseLong(m.group(4));
        byte[] salt = Base64.getDecoder().decode(m.group(5));
        byte[] hash = Base64.getDecoder().decode(m.group(6));
        boolean sane = version == VERSION
            && parallelism >= 1 && parallelism <= MAX_PARALLELISM
            && iterations >= 1 && iterations <= MAX_ITERATIONS
            && memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB
            && salt.length >= MIN_SALT_BYTES
            && hash.length >= MIN_HASH_BYTES && hash.length <= MAX_HASH_BYTES;
        return sane
            ? Optional.of(new Stored(version, (int) memory, (int) iterations, (int) parallelism, salt, hash))
            : Optional.empty();
      } catch (IllegalArgumentException badNumberOrBase64) {
        return Optional.empty();
      }
    }

    Stored withHash(byte[] newHash) {
      return new Stored(version, memoryKiB, iterations, parallelism, salt, newHash);
    }

    String encode() {
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return "$" + TYPE + "$v=" + version + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
          + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }
  }
}
