package com.jobswipe.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Mutations of real files for the parser fuzz tests: what a broken upstream, a truncated download or a hostile
 * sender makes of a well-formed document. Every choice comes from the {@link Random} passed in, so a seed replays.
 */
public final class Mutations {

  /** Fragments that break or stretch markup and text: entities, CDATA, stray tags, NULs, bad UTF-8, RTL marks. */
  private static final List<String> SNIPPETS = List.of(
      "&#0;", "&#xD800;", "&amp;amp;amp;", "&nbsp;&lt;script&gt;", "<![CDATA[", "]]>", "</item>", "<item>",
      "</entry>", "<title>", "<link>javascript:alert(1)</link>", "\u0000", "\uD800", "\u202Egnp.exe", "\r\n\r\n",
      "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "-0.0e-400", "1e99999", "\uFEFF", "<!DOCTYPE x>",
      "<?xml version=\"1.0\"?>", "%00", "\t\u00a0\u2028");

  private Mutations() {
  }

  /** One to four mutations of the bytes of a document, chosen at random from {@link #bytes(byte[], Random)}. */
  public static byte[] mutate(byte[] original, Random random) {
    byte[] out = original;
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds && out.length > 0; i++) {
      out = bytes(out, random);
    }
    return out;
  }

  /** A single mutation: truncate, delete, duplicate, flip, or insert junk, a snippet, invalid UTF-8 or a long run. */
  public static byte[] bytes(byte[] in, Random random) {
    int at = random.nextInt(in.length + 1);
    return switch (random.nextInt(8)) {
      case 0 -> slice(in, 0, at);
      case 1 -> splice(in, at, Math.min(in.length, at + 1 + random.nextInt(64)), new byte[0]);
      case 2 -> {
        int end = Math.min(in.length, at + 1 + random.nextInt(256));
        yield splice(in, end, end, slice(in, at, end));
      }
      case 3 -> {
        byte[] out = in.clone();
        for (int flips = 1 + random.nextInt(8); flips > 0 && out.length > 0; flips--) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield out;
      }
      case 4 -> splice(in, at, at, SNIPPETS.get(random.nextInt(SNIPPETS.size())).getBytes(StandardCharsets.UTF_8));
      case 5 -> splice(in, at, at, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED,
          (byte) 0xA0, (byte) 0x80});
      case 6 -> splice(in, at, at, "A".repeat(1 + random.nextInt(200_000)).getBytes(StandardCharsets.US_ASCII));
      default -> {
        byte[] junk = new byte[1 + random.nextInt(32)];
        random.nextBytes(junk);
        yield splice(in, at, at, junk);
      }
    };
  }

  /** A string value a hostile or broken source might put where a field belongs. */
  public static String hostileText(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "x".repeat(1 + random.nextInt(150_000));
      case 2 -> SNIPPETS.get(random.nextInt(SNIPPETS.size()));
      case 3 -> "javascript:alert(1)";
      case 4 -> "https://exa\u0000mple.com/jobs/1?q=" + "%".repeat(random.nextInt(40));
      default -> {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(64); i > 0; i--) {
          text.append((char) random.nextInt(0x10000));
        }
        yield text.toString();
      }
    };
  }

  private static byte[] slice(byte[] in, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(in, from, out, 0, out.length);
    return out;
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
    out.write(in, 0, from);
    out.write(insert, 0, insert.length);
    out.write(in, to, in.length - to);
    return out.toByteArray();
  }
}
