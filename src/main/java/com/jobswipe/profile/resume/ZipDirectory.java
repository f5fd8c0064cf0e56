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
 * <p>commons-compress lists every directory record before we can count them, so a crafted directory costs it about
 * 650 bytes of heap and 10–20 µs per 46-byte record: bounded by the upload limit, and by the parse deadline, which
 * the channel checks on every read so that an abandoned parse stops inside the listing too.
 */
record ZipDirectory(int entries, long declaredUncompressedBytes, boolean compressionRatioTooHigh,
                    boolean hasWordDocument) {

  private static final String WORD_DOCUMENT = "word/document.xml";

  static ZipDirectory read(byte[] zip, Deadline deadline) {
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
