package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Enumeration;

/**
 * What a zip's central directory declares: entry count, total uncompressed size, whether any entry claims to
 * inflate more than a hundredfold, and whether {@code word/document.xml} is there. Nothing is inflated here.
 *
 * <p>commons-compress lists every directory record before we can count them (about 650 bytes of heap and 10–20 µs
 * per 46-byte record), so the records are counted first by their signature: each record it would list starts with
 * one, so more signatures than entries allowed is refused as a zip bomb before anything is listed. The parse
 * deadline is checked on every read of the listing, so an abandoned parse stops inside it too.
 */
record ZipDirectory(int entries, long declaredUncompressedBytes, boolean compressionRatioTooHigh,
                    boolean hasWordDocument) {

  private static final String WORD_DOCUMENT = "word/document.xml";
  /** Every central directory record starts with these four bytes. */
  private static final byte[] RECORD_SIGNATURE = {'P', 'K', 1, 2};

  /** @param maxEntries the most entries a DOCX may have: a directory that could list more is refused unlisted */
  static ZipDirectory read(byte[] zip, int maxEntries, Deadline deadline) {
    if (signatures(zip, maxEntries + 1) > maxEntries) {
      throw new ResumeRejected(Reason.ZIP_BOMB);
    }
    SeekableByteChannel channel = new DeadlineChannel(new SeekableInMemoryByteChannel(zip), deadline);
    // The local headers are read later, in order, by the counting inflate pass and by POI.
    try (ZipFile file = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get()) {
      int entries = 0;
      long declared = 0;
      boolean ratio = false;
      boolean word = false;
      for (Enumeration<ZipArchiveEntry> all = file.getEntries(); all.hasMoreElements(); ) {
        ZipArchiveEntry entry = all.nextElement();
        long uncompressed = entry.getSize();
        entries++;
        declared = uncompressed < 0 || declared + uncompressed < 0 ? Long.MAX_VALUE : declared + uncompressed;
        if (uncompressed > DocxText.RATIO_GRACE_BYTES
            && entry.getCompressedSize() < uncompressed * DocxText.MIN_INFLATE_RATIO) {
          ratio = true;
        }
        word |= WORD_DOCUMENT.equals(entry.getName());
      }
      return new ZipDirectory(entries, declared, ratio, word);
    } catch (IOException e) {
      throw new ResumeRejected(Reason.MALFORMED, e);
    }
  }

  /** How many times the record signature occurs in the file, counting no further than {@code atMost}. */
  private static int signatures(byte[] zip, int atMost) {
    int found = 0;
    for (int i = 0; i + RECORD_SIGNATURE.length <= zip.length && found < atMost; i++) {
      if (zip[i] == RECORD_SIGNATURE[0] && zip[i + 1] == RECORD_SIGNATURE[1] && zip[i + 2] == RECORD_SIGNATURE[2]
          && zip[i + 3] == RECORD_SIGNATURE[3]) {
        found++;
      }
    }
    return found;
  }

  /** Read-only view of the upload that checks the parse deadline (and the interrupt flag) before each read. */
  private record DeadlineChannel(SeekableByteChannel bytes, Deadline deadline) implements SeekableByteChannel {

    @Override
    public int read(ByteBuffer target) throws IOException {
      deadline.check();
      return bytes.read(target);
    }

    @Override
    public int write(ByteBuffer source) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
      return bytes.position();
    }

    @Override
    public SeekableByteChannel position(long position) throws IOException {
      bytes.position(position);
      return this;
    }

    @Override
    public long size() throws IOException {
      return bytes.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return bytes.isOpen();
    }

    @Override
    public void close() throws IOException {
      bytes.close();
    }
  }
}
