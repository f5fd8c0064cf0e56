package com.jobswipe.automation;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** A one-page PDF resume the profile parser accepts, for the automation tests' candidates. */
final class AutomationFlowTestResumes {

  private AutomationFlowTestResumes() {
  }

  static byte[] pdf() throws Exception {
    try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      pdf.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
        text.newLineAtOffset(50, 700);
        text.setLeading(14);
        for (String line : List.of("Jane Doe", "jane.doe@example.org", "Experience",
            "Backend Engineer, Acme GmbH, 2019 - present", "Kotlin, PostgreSQL, Kafka")) {
          text.showText(line);
          text.newLine();
        }
        text.endText();
      }
      pdf.save(out);
      return out.toByteArray();
    }
  }

}
