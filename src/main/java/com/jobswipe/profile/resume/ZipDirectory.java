package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;

import java.nio.charset.StandardCharsets;

/**
 * What a zip's central directory declares: entry count, total uncompressed size, whether any entry claims to
 * inflate more than a hundredfold, and whether {@code word/document.xml} is there. Read by hand so nothing is
 * inflated and no entry list is built, whatever the directory claims.
 */
record ZipDirectory(int entries, long declaredUncompressedBytes, boolean compressionRatioTooHigh,
                    boolean hasWordDocument) {

  private static final int EOCD = 0x06054b50;
  private static final int EOCD64_LOCATOR = 0x07064b50;
  private static final int EOCD64 = 0x06064b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final byte[] WORD_DOCUMENT = "word/document.xml".getBytes(StandardCharsets.UTF_8);

  static ZipDirectory read(byte[] zip) {
    int eocd = -1;
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xFFFF); i--) {
      if (u32(zip, i) == EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new ResumeRejected(Reason.MALFORMED);
    }
    long size = u32(zip, eocd + 12);
    long offset = u32(zip, eocd + 16);
    if (size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL || u16(zip, eocd + 10) == 0xFFFF) {
      int locator = eocd - 20;
      if (locator < 0 || u32(zip, locator) != EOCD64_LOCATOR) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      long record = u64(zip, locator + 8);
      if (record < 0 || record > zip.length - 56 || u32(zip, (int) record) != EOCD64) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      size = u64(zip, (int) record + 40);
      offset = u64(zip, (int) record + 48);
    }
    if (offset < 0 || size < 0 || offset + size > zip.length) {
      throw new ResumeRejected(Reason.MALFORMED);
    }
    int entries = 0;
    long declared = 0;
    boolean ratio = false;
    boolean word = false;
    long pos = offset;
    long end = offset + size;
    while (pos + 46 <= end) {
      int p = (int) pos;
      if (u32(zip, p) != CENTRAL_HEADER) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      long compressed = u32(zip, p + 20);
      long uncompressed = u32(zip, p + 24);
      int nameLength = u16(zip, p + 28);
      int extraLength = u16(zip, p + 30);
      int commentLength = u16(zip, p + 32);
      if (p + 46L + nameLength + extraLength > zip.length) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      if (uncompressed == 0xFFFFFFFFL || compressed == 0xFFFFFFFFL) {
        long[] sizes = zip64Sizes(zip, p + 46 + nameLength, extraLength, uncompressed, compressed);
        uncompressed = sizes[0];
        compressed = sizes[1];
      }
      entries++;
      declared = uncompressed < 0 || declared + uncompressed < 0 ? Long.MAX_VALUE : declared + uncompressed;
      if (uncompressed > DocxText.RATIO_GRACE_BYTES && compressed < uncompressed * DocxText.MIN_INFLATE_RATIO) {
        ratio = true;
      }
      if (nameLength == WORD_DOCUMENT.length
          && java.util.Arrays.equals(zip, p + 46, p + 46 + nameLength, WORD_DOCUMENT, 0, nameLength)) {
        word = true;
      }
      pos += 46L + nameLength + extraLength + commentLength;
    }
    return new ZipDirectory(entries, declared, ratio, word);
  }

  /** The ZIP64 extra field (id 1) holds the real sizes of an entry whose 32-bit fields are all ones. */
  private static long[] zip64Sizes(byte[] zip, int extra, int length, long uncompressed, long compressed) {
    int p = extra;
    int end = extra + length;
    while (p + 4 <= end) {
      int id = u16(zip, p);
      int size = u16(zip, p + 2);
      if (id == 1) {
        int q = p + 4;
        if (uncompressed == 0xFFFFFFFFL && q + 8 <= end) {
          uncompressed = u64(zip, q);
          q += 8;
        }
        if (compressed == 0xFFFFFFFFL && q + 8 <= end) {
          compressed = u64(zip, q);
        }
        break;
      }
      p += 4 + size;
    }
    return new long[] {uncompressed, compressed};
  }

  private static int u16(byte[] b, int i) {
    return i < 0 || i + 2 > b.length ? -1 : (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int i) {
    return i < 0 || i + 4 > b.length ? -1
        : (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
  }

  private static long u64(byte[] b, int i) {
    return i < 0 || i + 8 > b.length ? -1 : u32(b, i) | u32(b, i + 4) << 32;
  }
}
