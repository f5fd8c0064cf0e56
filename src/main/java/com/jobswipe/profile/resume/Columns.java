package com.jobswipe.profile.resume;

import org.apache.pdfbox.text.TextPosition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the gutter of a two-column page and splits its glyphs into header, left column, right column and
 * footer, so each column reads top to bottom instead of lines of both columns being interleaved.
 */
final class Columns {

  private static final int MIN_GLYPHS = 60;
  private static final int MIN_LINES_PER_COLUMN = 3;
  private static final double MIN_COLUMN_SHARE = 0.15;

  private Columns() {
  }

  private static final class Line {
    final float y;
    final List<TextPosition> positions = new ArrayList<>();
    final List<float[]> segments = new ArrayList<>();
    int[] segmentGlyphs;

    Line(float y) {
      this.y = y;
    }
  }

  static List<List<TextPosition>> split(List<TextPosition> positions) {
    long glyphCount = positions.stream().filter(p -> !p.getUnicode().isBlank()).count();
    if (glyphCount < MIN_GLYPHS) {
      return List.of(positions);
    }
    List<Line> lines = lines(positions);
    float width = positions.get(0).getPageWidth();
    float bestFrom = -1;
    float bestTo = -1;
    float runFrom = -1;
    for (float x = width * 0.2f; x <= width * 0.8f; x += 2f) {
      boolean valid = gutterAt(lines, x);
      if (valid && runFrom < 0) {
        runFrom = x;
      }
      if ((!valid || x + 2f > width * 0.8f) && runFrom >= 0) {
        float runTo = valid ? x : x - 2f;
        if (runTo - runFrom > bestTo - bestFrom) {
          bestFrom = runFrom;
          bestTo = runTo;
        }
        runFrom = -1;
      }
    }
    if (bestFrom < 0) {
      return List.of(positions);
    }
    float gutter = (bestFrom + bestTo) / 2;
    float[] band = band(lines, gutter);
    List<TextPosition> header = new ArrayList<>();
    List<TextPosition> left = new ArrayList<>();
    List<TextPosition> right = new ArrayList<>();
    List<TextPosition> footer = new ArrayList<>();
    for (Line line : lines) {
      if (crosses(line, gutter)) {
        (line.y < band[0] ? header : line.y > band[1] ? footer : left).addAll(line.positions);
        continue;
      }
      for (TextPosition p : line.positions) {
        (p.getXDirAdj() + p.getWidthDirAdj() / 2 < gutter ? left : right).add(p);
      }
    }
    return List.of(header, left, right, footer);
  }

  private static boolean gutterAt(List<Line> lines, float x) {
    int leftLines = 0;
    int rightLines = 0;
    long leftGlyphs = 0;
    long rightGlyphs = 0;
    for (Line line : lines) {
      if (crosses(line, x)) {
        continue;
      }
      boolean hasLeft = false;
      boolean hasRight = false;
      for (int s = 0; s < line.segments.size(); s++) {
        float[] segment = line.segments.get(s);
        if (segment[1] <= x) {
          hasLeft = true;
          leftGlyphs += line.segmentGlyphs[s];
        } else {
          hasRight = true;
          rightGlyphs += line.segmentGlyphs[s];
        }
      }
      leftLines += hasLeft ? 1 : 0;
      rightLines += hasRight ? 1 : 0;
    }
    long total = leftGlyphs + rightGlyphs;
    if (leftLines < MIN_LINES_PER_COLUMN || rightLines < MIN_LINES_PER_COLUMN || total == 0
        || leftGlyphs < MIN_COLUMN_SHARE * total || rightGlyphs < MIN_COLUMN_SHARE * total) {
      return false;
    }
    float[] band = band(lines, x);
    if (band[0] > band[1]) {
      return false;
    }
    for (Line line : lines) {
      if (line.y >= band[0] && line.y <= band[1] && crosses(line, x)) {
        return false;
      }
    }
    return true;
  }

  /** The vertical range in which both sides of {@code x} have text: where crossing lines are not allowed. */
  private static float[] band(List<Line> lines, float x) {
    float leftTop = Float.MAX_VALUE;
    float leftBottom = -Float.MAX_VALUE;
    float rightTop = Float.MAX_VALUE;
    float rightBottom = -Float.MAX_VALUE;
    for (Line line : lines) {
      if (crosses(line, x)) {
        continue;
      }
      for (float[] segment : line.segments) {
        if (segment[1] <= x) {
          leftTop = Math.min(leftTop, line.y);
          leftBottom = Math.max(leftBottom, line.y);
        } else {
          rightTop = Math.min(rightTop, line.y);
          rightBottom = Math.max(rightBottom, line.y);
        }
      }
    }
    return new float[] {Math.max(leftTop, rightTop), Math.min(leftBottom, rightBottom)};
  }

  private static boolean crosses(Line line, float x) {
    for (float[] segment : line.segments) {
      if (segment[0] < x - 1 && segment[1] > x + 1) {
        return true;
      }
    }
    return false;
  }

  /** Groups glyphs into baselines, and each baseline into runs separated by more than one and a half ems. */
  private static List<Line> lines(List<TextPosition> positions) {
    List<TextPosition> byY = new ArrayList<>(positions);
    byY.sort(Comparator.comparingDouble(TextPosition::getYDirAdj));
    List<Line> lines = new ArrayList<>();
    Line current = null;
    for (TextPosition p : byY) {
      if (current == null || Math.abs(p.getYDirAdj() - current.y) > Math.max(1.5f, fontSize(p) * 0.4f)) {
        current = new Line(p.getYDirAdj());
        lines.add(current);
      }
      current.positions.add(p);
    }
    for (Line line : lines) {
      List<TextPosition> glyphs = new ArrayList<>();
      for (TextPosition p : line.positions) {
        if (!p.getUnicode().isBlank()) {
          glyphs.add(p);
        }
      }
      glyphs.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
      List<Integer> counts = new ArrayList<>();
      float[] segment = null;
      for (TextPosition g : glyphs) {
        float from = g.getXDirAdj();
        float to = from + Math.max(g.getWidthDirAdj(), 0.1f);
        if (segment != null && from - segment[1] <= Math.max(8f, fontSize(g) * 1.5f)) {
          segment[1] = Math.max(segment[1], to);
          counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        } else {
          segment = new float[] {from, to};
          line.segments.add(segment);
          counts.add(1);
        }
      }
      line.segmentGlyphs = counts.stream().mapToInt(Integer::intValue).toArray();
    }
    return lines;
  }

  private static float fontSize(TextPosition p) {
    float size = p.getFontSizeInPt();
    if (!(size > 1f && size < 200f)) {
      size = p.getHeightDir();
    }
    return size > 1f && size < 200f ? size : 10f;
  }
}
