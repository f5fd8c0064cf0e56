package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes every filtered stream of a PDF into a counting sink before PDFBox sees the file. The scan works on the
 * raw bytes, so it also covers object and cross-reference streams, which PDFBox decodes while loading.
 */
final class PdfStreams {

  private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern FILTER = Pattern.compile(
      "/Filter(?![A-Za-z0-9#])\\s*(\\[[^\\]]*\\]|/[^\\s/\\[\\]<>()%]+|\\d+\\s+\\d+\\s+R)");
  private static final Pattern NAME = Pattern.compile("/([^\\s/\\[\\]<>()%]+)");
  private static final Set<String> STOPS = Set.of("DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF",
      "JBIG2Decode", "Crypt");
  private static final Map<String, String> EXPANDING = Map.of("Fl", "FlateDecode", "FlateDecode", "FlateDecode",
      "LZW", "LZWDecode", "LZWDecode", "LZWDecode", "RL", "RunLengthDecode", "RunLengthDecode", "RunLengthDecode",
      "AHx", "ASCIIHexDecode", "ASCIIHexDecode", "ASCIIHexDecode", "A85", "ASCII85Decode", "ASCII85Decode",
      "ASCII85Decode");
  private static final int MAX_DICTIONARY = 64 * 1024;
  /**
   * Even a stream per glyph stays far below this in 10 MiB; a file with more is noise built to make each
   * decode attempt (a few microseconds) add up.
   */
  private static final int MAX_STREAMS = 100_000;

  private PdfStreams() {
  }

  /**
   * Every {@code stream} keyword is tried as Flate whatever its dictionary says (a dictionary can be written to
   * confuse a scanner; deflate data cannot pretend to be something else, and other data fails in a few bytes).
   * Chains naming other expanding filters (LZW, RunLength, ASCIIHex, ASCII85) are decoded as named.
   */
  static void checkDecodedSize(byte[] pdf, long budget, Deadline deadline) {
    Inflater inflater = new Inflater(true);
    try {
      scan(pdf, budget, deadline, inflater, new byte[16 * 1024]);
    } finally {
      inflater.end();
    }
  }

  private static void scan(byte[] pdf, long budget, Deadline deadline, Inflater inflater, byte[] buffer) {
    long used = 0;
    int streams = 0;
    int from = 0;
    int previous = 0;
    int k;
    while ((k = Bytes.indexOf(pdf, STREAM, from, pdf.length)) >= 0) {
      from = k + STREAM.length;
      int floor = previous;
      previous = from;
      if (k >= 3 && pdf[k - 3] == 'e' && pdf[k - 2] == 'n' && pdf[k - 1] == 'd') {
        continue;
      }
      if (++streams > MAX_STREAMS) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      deadline.check();
      String dictionary = dictionaryBefore(pdf, k, floor);
      List<String> filters = dictionary == null ? List.of() : filters(dictionary);
      int data = from;
      while (data < pdf.length && pdf[data] == ' ') {
        data++;
      }
      if (data < pdf.length && pdf[data] == '\r') {
        data++;
      }
      if (data < pdf.length && pdf[data] == '\n') {
        data++;
      }
      boolean flateOrUnnamed = filters.isEmpty() || filters.equals(List.of("FlateDecode"));
      used += decodedSize(pdf, data, flateOrUnnamed ? List.of("FlateDecode") : filters, budget - used, inflater,
          buffer);
    }
  }

  /**
   * The {@code << ... >>} right before a {@code stream} keyword, or null. The search goes back no further than
   * the previous keyword (and 64 KiB), so a file of nothing but {@code >>stream} is still read in linear time.
   */
  private static String dictionaryBefore(byte[] pdf, int keyword, int previousKeywordEnd) {
    int floor = Math.max(previousKeywordEnd, keyword - MAX_DICTIONARY);
    int j = keyword - 1;
    while (j >= floor && isWhitespace(pdf[j])) {
      j--;
    }
    if (j < floor + 1 || pdf[j] != '>' || pdf[j - 1] != '>') {
      return null;
    }
    int end = j + 1;
    int depth = 0;
    while (j >= floor + 1) {
      if (pdf[j] == '>' && pdf[j - 1] == '>') {
        depth++;
        j -= 2;
      } else if (pdf[j] == '<' && pdf[j - 1] == '<') {
        depth--;
        j -= 2;
        if (depth == 0) {
          return new String(pdf, j + 1, end - j - 1, StandardCharsets.ISO_8859_1);
        }
      } else {
        j--;
      }
    }
    return null;
  }

  /**
   * The filter chain up to the first filter that only images use. A chain we cannot read (an indirect
   * reference) is tried as Flate, then LZW: the two that can expand a thousandfold.
   */
  private static List<String> filters(String dictionary) {
    Matcher m = FILTER.matcher(dictionary);
    if (!m.find()) {
      return List.of();
    }
    if (m.group(1).endsWith("R")) {
      return List.of("?");
    }
    List<String> chain = new ArrayList<>();
    Matcher name = NAME.matcher(m.group(1));
    while (name.find()) {
      String filter = unescape(name.group(1));
      if (STOPS.contains(filter)) {
        break;
      }
      chain.add(EXPANDING.getOrDefault(filter, filter));
    }
    return chain;
  }

  private static long decodedSize(byte[] pdf, int data, List<String> chain, long remaining, Inflater inflater,
                                  byte[] buffer) {
    if (chain.equals(List.of("?"))) {
      long flate = decodedSize(pdf, data, List.of("FlateDecode"), remaining, inflater, buffer);
      return flate > 0 ? flate : decodedSize(pdf, data, List.of("LZWDecode"), remaining, inflater, buffer);
    }
    byte[] input = pdf;
    int offset = data;
    long size = 0;
    for (int i = 0; i < chain.size(); i++) {
      CountingSink sink = new CountingSink(remaining, i < chain.size() - 1);
      try {
        if (chain.get(i).equals("FlateDecode")) {
          inflate(input, offset, sink, inflater, buffer);
        } else {
          Filter filter = FilterFactory.INSTANCE.getFilter(COSName.getPDFName(chain.get(i)));
          filter.decode(new ByteArrayInputStream(input, offset, input.length - offset), sink, new COSDictionary(), 0);
        }
      } catch (IOException | RuntimeException e) {
        // Corrupt data, or a filter PDFBox does not know: the stream ends here, as it would for PDFBox.
      }
      if (sink.exceeded) {
        throw new ResumeRejected(Reason.ZIP_BOMB);
      }
      size = sink.count;
      input = sink.bytes();
      offset = 0;
    }
    return size;
  }

  /**
   * Inflates the way PDFBox's FlateFilter does (skip the two zlib header bytes, raw deflate, no checksum), to the
   * end of the deflate data however long the dictionary says the stream is.
   */
  private static void inflate(byte[] input, int offset, CountingSink sink, Inflater inflater, byte[] buffer)
      throws IOException {
    if (input.length - offset < 3) {
      return;
    }
    inflater.reset();
    inflater.setInput(input, offset + 2, input.length - offset - 2);
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0) {
          break;
        }
        sink.write(buffer, 0, n);
      }
    } catch (DataFormatException e) {
      // What was inflated before the corruption is what PDFBox would decode too.
    }
  }

  private static String unescape(String name) {
    if (name.indexOf('#') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '#' && i + 2 < name.length() && isHex(name.charAt(i + 1)) && isHex(name.charAt(i + 2))) {
        out.append((char) Integer.parseInt(name.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
  }

  /** Counts what a decoder writes and stops it past the budget; keeps the bytes only when another filter follows. */
  private static final class CountingSink extends OutputStream {
    private final long limit;
    private final ByteArrayOutputStream kept;
    long count;
    boolean exceeded;

    CountingSink(long limit, boolean keep) {
      this.limit = limit;
      this.kept = keep ? new ByteArrayOutputStream() : null;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (count > limit) {
        exceeded = true;
        throw new IOException("decoded size budget exceeded");
      }
      if (kept != null) {
        kept.write(b, off, len);
      }
    }

    byte[] bytes() {
      return kept == null ? new byte[0] : kept.toByteArray();
    }
  }
}
