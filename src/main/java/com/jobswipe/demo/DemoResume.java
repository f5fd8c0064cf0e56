package com.jobswipe.demo;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The demo account's one-page PDF resume: what the resume parser reads and what the forms receive. */
final class DemoResume {

  private static final List<String> LINES = List.of(
      "Dana Demo", "demo@example.com  ·  +49 30 1234567  ·  Berlin", "",
      "Experience",
      "Senior Backend Engineer, Northbeam GmbH, 2020 - present",
      "Kotlin and Java services on PostgreSQL and Kafka; on-call for payments.",
      "Backend Engineer, Ampere Systems, 2016 - 2020",
      "Java, Spring, Redis, Docker.", "",
      "Skills",
      "Kotlin, Java, PostgreSQL, Kafka, Spring, Redis, Docker, Kubernetes");

  private DemoResume() {
  }

  static byte[] pdf() {
    try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      pdf.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
        text.newLineAtOffset(50, 720);
        text.setLeading(15);
        for (String line : LINES) {
          text.showText(line.replace("·", "-"));
          text.newLine();
        }
        text.endText();
      }
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
