package com.jobswipe.profile.resume;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the resumes the parser tests read, in the test itself: realistic PDFs and a DOCX laid out the way people
 * write them, and hostile files. Nothing is checked in as a binary, and the bombs stay small on disk and in memory:
 * their compressed data is one deflate block repeated (a full flush makes blocks independent).
 */
public final class ResumeFixtures {

  /** "Present" in the fixtures means June 2024. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC);

  public static final String PDF = "application/pdf";
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  private static final long MIB = 1024L * 1024L;
  private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  private ResumeFixtures() {
  }

  // --- realistic ----------------------------------------------------------------------------------------------

  /**
   * A sidebar resume: contact details and skills on the left, summary, experience and education on the right,
   * with baselines of both columns on the same grid (the hard case: a naive reader interleaves them). Three jobs,
   * two of them overlapping the third: merged they cover Mar 2016 - Jun 2024, 8.3 years (9.8 if added up).
   */
  public static byte[] twoColumnPdf() {
    return pdf(document -> {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        column(out, 40, 740, List.of(
            "#Jane Doe",
            "Senior Software Engineer",
            "jane.doe@example.com",
            "+1 (415) 555-0134",
            "linkedin.com/in/janedoe",
            "github.com/janedoe",
            "Portfolio",
            "San Francisco, CA",
            "",
            "*SKILLS",
            "Java, Kotlin, Go",
            "k8s, Postgres, JS",
            "Spring Boot, Kafka",
            "Terraform, AWS, GCP",
            "CI/CD, C++, C#",
            "",
            "*LANGUAGES",
            "English, Spanish"));
        column(out, 230, 740, List.of(
            "*SUMMARY",
            "Backend engineer building distributed",
            "systems on the JVM and in the cloud.",
            "",
            "*EXPERIENCE",
            "Senior Software Engineer, Acme Corp",
            "Jan 2019 – Present | San Francisco",
            "• Led the migration of 40 services to Kubernetes on AWS.",
            "• Cut p99 latency by 45% with Redis caching.",
            "Volunteer Mentor, Code Club",
            "2020 - 2021",
            "• Taught Python to teenagers on Saturdays.",
            "Software Engineer, Globex",
            "03/2016 - 06/2019",
            "• Built payment APIs in Java and PostgreSQL.",
            "",
            "*EDUCATION",
            "B.Sc. Computer Science, State University",
            "2012 – 2016"));
      }
      // The visible word is "Portfolio"; the address is only in the link, as resume builders do it.
      PDAnnotationLink link = new PDAnnotationLink();
      link.setRectangle(new PDRectangle(40, 740 - 6 * 14 - 3, 60, 12));
      PDActionURI action = new PDActionURI();
      action.setURI("https://janedoe.dev");
      link.setAction(action);
      page.getAnnotations().add(link);
    });
  }

  /**
   * A classic one-column resume over two pages: full-width paragraphs, dates right-aligned on the job line (which
   * must not be mistaken for a second column), an all-caps name and headings.
   * Jobs: 2015 to 2017 (2 years), Sept 2017 - Dec 2020 (40 months), Jan 2021 - Current (42 months): 8.8 years.
   */
  public static byte[] singleColumnPdf() {
    return pdf(document -> {
      PDPage first = new PDPage(PDRectangle.LETTER);
      document.addPage(first);
      try (PDPageContentStream out = new PDPageContentStream(document, first)) {
        text(out, BOLD, 20, 230, 740, "JOHN SMITH");
        text(out, REGULAR, 10, 150, 720, "john.smith@example.org  |  415.555.0199  |  www.johnsmith.io");
        column(out, 50, 690, List.of(
            "*PROFESSIONAL SUMMARY",
            "Data engineer with nearly nine years of experience designing batch and streaming pipelines for analytics",
            "teams. Comfortable owning the stack end to end, from ingestion through modelling to dashboards.",
            "",
            "*WORK EXPERIENCE"));
        job(out, 605, "Data Engineer — Initech", "Jan 2021 - Current", List.of(
            "• Designed a streaming platform on Apache Spark and Kafka processing four billion events per day.",
            "• Migrated the warehouse from Redshift to Snowflake and rebuilt 300 models in dbt with tests."));
        job(out, 545, "Analytics Engineer — Umbrella Corp", "Sept 2017 – Dec 2020", List.of(
            "• Built Airflow DAGs and Python services feeding Tableau dashboards used by the whole company.",
            "• Introduced data quality checks that cut incident volume by half within two quarters."));
        job(out, 485, "Junior Analyst — Hooli", "2015 to 2017", List.of(
            "• Wrote SQL reports and Excel models for the finance team, automating the monthly close."));
      }
      PDPage second = new PDPage(PDRectangle.LETTER);
      document.addPage(second);
      try (PDPageContentStream out = new PDPageContentStream(document, second)) {
        column(out, 50, 740, List.of(
            "*EDUCATION",
            "M.S. Statistics, University of Washington, 2013 – 2015",
            "",
            "*TECHNICAL SKILLS",
            "Python, SQL, Airflow, dbt, Snowflake, Spark, Tableau, R, Docker",
            "",
            "*CERTIFICATIONS",
            "AWS Certified Data Analytics – Specialty (2022)"));
      }
    });
  }

  /**
   * A Word resume: bold headings, bullet lists through real numbering, a two-column table of skills, and a
   * LinkedIn link whose visible text is just "LinkedIn". Jobs overlap (2016 - 2020 and Mar 2020 - Present): 8.0
   * years merged.
   */
  public static byte[] docx() {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      BigInteger bullets = bulletNumbering(document);
      XWPFRun name = document.createParagraph().createRun();
      name.setBold(true);
      name.setFontSize(20);
      name.setText("María García");
      XWPFParagraph contact = document.createParagraph();
      contact.createRun().setText("maria.garcia@example.com · +44 20 7946 0958 · ");
      XWPFHyperlinkRun linkedin = contact.createHyperlinkRun("https://www.linkedin.com/in/maria-garcia");
      linkedin.setText("LinkedIn");
      heading(document, "Profile");
      document.createParagraph().createRun().setText(
          "Platform engineer who likes boring infrastructure and fast feedback loops.");
      heading(document, "Work Experience");
      document.createParagraph().createRun().setText("Staff Engineer, Initrode — Mar 2020 – Present");
      bullet(document, bullets, "Scaled the platform on GCP with k8s and Postgres to 12 regions.");
      bullet(document, bullets, "Mentored six engineers; introduced TDD and code review guidelines.");
      document.createParagraph().createRun().setText("Senior Engineer, Vandelay Industries — 2016 - 2020");
      bullet(document, bullets, "Rewrote the billing system in TypeScript on Node.js.");
      heading(document, "Technical Skills");
      XWPFTable table = document.createTable(3, 2);
      String[][] rows = {
          {"Languages", "Python, TS, golang"},
          {"Cloud", "GCP, AWS, k8s, Terraform"},
          {"Data", "Postgres, Redis, Kafka"}};
      for (int r = 0; r < rows.length; r++) {
        table.getRow(r).getCell(0).setText(rows[r][0]);
        table.getRow(r).getCell(1).setText(rows[r][1]);
      }
      heading(document, "Education");
      document.createParagraph().createRun().setText("MSc Software Engineering, University of Edinburgh, 2014 – 2016");
      heading(document, "Projects");
      bullet(document, bullets, "Open-source React.js component library with 2k stars.");
      document.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The DOCX with a text box holding a portfolio line, as templates do for sidebars. Word writes a text box twice
   * (DrawingML and a VML fallback); here it is simply written twice.
   */
  static byte[] docxWithTextBox() {
    String box = "<w:r><w:pict xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:shape><v:textbox><w:txbxContent>"
        + "<w:p><w:r><w:t>Portfolio: https://maria.dev</w:t></w:r></w:p>"
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>";
    return rewriteEntry(docx(), "word/document.xml",
        xml -> xml.replace("</w:body>", "<w:p>" + box + box + "</w:p></w:body>"));
  }

  private static byte[] rewriteEntry(byte[] zip, String name, java.util.function.UnaryOperator<String> change) {
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip));
         ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      try (ZipOutputStream out = new ZipOutputStream(bytes)) {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          byte[] data = in.readAllBytes();
          if (entry.getName().equals(name)) {
            String xml = change.apply(new String(data, StandardCharsets.UTF_8));
            if (xml.equals(new String(data, StandardCharsets.UTF_8))) {
              throw new IllegalStateException("nothing changed in " + name);
            }
            data = xml.getBytes(StandardCharsets.UTF_8);
          }
          out.putNextEntry(new ZipEntry(entry.getName()));
          out.write(data);
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- hostile ------------------------------------------------------------------------------------------------

  /** Needs a user password to open. */
  public static byte[] encryptedPdf() {
    return protectedPdf("user-secret");
  }

  /** Opens without a password but is encrypted with permissions (an owner password only). */
  static byte[] ownerPasswordPdf() {
    return protectedPdf("");
  }

  private static byte[] protectedPdf(String userPassword) {
    return pdf(document -> {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        column(out, 50, 740, List.of("#Secret Person", "secret@example.com", "*EXPERIENCE", "Spy, 2010 - 2020"));
      }
      AccessPermission permissions = new AccessPermission();
      permissions.setCanExtractContent(false);
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, permissions);
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
    });
  }

  /** The realistic single-column PDF cut in half, as an interrupted upload leaves it. */
  public static byte[] truncatedPdf() {
    byte[] whole = singleColumnPdf();
    return Arrays.copyOf(whole, whole.length / 2);
  }

  public static byte[] garbage() {
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    bytes[0] = 'G';
    return bytes;
  }

  /** Starts like a PDF and then is noise. */
  static byte[] garbageWithPdfHeader() {
    byte[] bytes = garbage();
    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, bytes, 0, header.length);
    byte[] eof = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(eof, 0, bytes, bytes.length - eof.length, eof.length);
    return bytes;
  }

  /** Blank pages share nothing but the page tree, so thousands of them stay small and quick to write. */
  public static byte[] manyPagesPdf(int pages) {
    return pdf(document -> {
      for (int i = 0; i < pages; i++) {
        document.addPage(new PDPage(PDRectangle.LETTER));
      }
    });
  }

  /** A rectangle and a generated picture, no text at all: what a scanner produces. */
  public static byte[] imageOnlyPdf() {
    return pdf(document -> {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      BufferedImage scan = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scan.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 40, 40);
      g.setColor(Color.BLACK);
      g.drawLine(5, 10, 35, 10);
      g.drawLine(5, 20, 30, 20);
      g.dispose();
      PDImageXObject image = LosslessFactory.createFromImage(document, scan);
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        out.addRect(50, 50, 512, 692);
        out.stroke();
        out.drawImage(image, 100, 300, 400, 400);
      }
    });
  }

  /** A page whose content stream inflates from about 256 KiB to 256 MiB of spaces. */
  static byte[] pdfFlateBomb() {
    return pdf(document -> {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      page.setContents(flateStream(document, zlib(deflateRepeated(filled(MIB, (byte) ' '), 256))));
    });
  }

  /**
   * The same bomb with a dictionary written to defeat a scanner: a string holding {@code >>} breaks naive
   * bracket matching, and the filter name uses a {@code #} escape.
   */
  static byte[] pdfFlateBombWithObfuscatedDictionary() {
    return pdf(document -> {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      PDStream content = flateStream(document, zlib(deflateRepeated(filled(MIB, (byte) ' '), 256)));
      content.getCOSObject().setString(COSName.getPDFName("Note"), ">> stream");
      content.getCOSObject().setItem(COSName.FILTER, COSName.getPDFName("Fl#61teDecode"));
      page.setContents(content);
    });
  }

  /** Nothing but {@code >>stream} over and over: a scanner that searches backwards from each one goes quadratic. */
  static byte[] pdfOfStreamKeywords() {
    byte[] keyword = ">>stream\n".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[9 * 1024 * 1024];
    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, bytes, 0, header.length);
    for (int i = header.length; i + keyword.length < bytes.length - 16; i += keyword.length) {
      System.arraycopy(keyword, 0, bytes, i, keyword.length);
    }
    byte[] eof = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(eof, 0, bytes, bytes.length - eof.length, eof.length);
    return bytes;
  }

  /**
   * A page that draws a form 1,000 times, which draws another form 1,000 times, which holds 1,000 path operators:
   * a billion operators from a few KiB, a "billion laughs" for PDF. No machine reads it within seconds, however
   * fast or idle, so only the deadline can end the parse.
   */
  public static byte[] slowPdf() {
    return pdf(document -> {
      PDPage page = new PDPage(PDRectangle.LETTER);
      document.addPage(page);
      PDFormXObject inner = form(document, "0 0 m\n".repeat(1000), new PDResources());
      PDResources outerResources = new PDResources();
      outerResources.put(COSName.getPDFName("Inner"), inner);
      PDFormXObject outer = form(document, "/Inner Do\n".repeat(1000), outerResources);
      PDResources pageResources = new PDResources();
      pageResources.put(COSName.getPDFName("Outer"), outer);
      page.setResources(pageResources);
      PDStream pageContents = new PDStream(document);
      try (OutputStream out = pageContents.createOutputStream(COSName.FLATE_DECODE)) {
        out.write("/Outer Do\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
      }
      page.setContents(pageContents);
    });
  }

  private static PDFormXObject form(PDDocument document, String operators, PDResources resources) throws IOException {
    PDStream stream = new PDStream(document);
    try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
      out.write(operators.getBytes(StandardCharsets.US_ASCII));
    }
    PDFormXObject form = new PDFormXObject(stream);
    form.setBBox(PDRectangle.LETTER);
    form.setResources(resources);
    return form;
  }

  /**
   * A DOCX whose {@code word/document.xml} inflates to 1 GiB of repeated bytes; its central directory says so
   * honestly. About 1 MB in memory.
   */
  public static byte[] docxZipBomb() {
    byte[] chunk = filled(MIB, (byte) 'a');
    byte[] deflated = deflateRepeated(chunk, 1024);
    CRC32 crc = new CRC32();
    for (int i = 0; i < 1024; i++) {
      crc.update(chunk);
    }
    return handMadeZip(List.of(
        storedEntry("[Content_Types].xml", CONTENT_TYPES),
        storedEntry("_rels/.rels", RELS),
        new RawEntry("word/document.xml", 8, crc.getValue(), deflated, 1024 * MIB)));
  }

  /**
   * A DOCX whose headers claim {@code word/document.xml} is 2 KB while it inflates to 64 MiB: only inflating
   * (not reading the directory) catches it.
   */
  static byte[] docxLyingAboutSizes() {
    byte[] chunk = filled(MIB, (byte) ' ');
    byte[] deflated = deflateRepeated(chunk, 64);
    return handMadeZip(List.of(
        storedEntry("[Content_Types].xml", CONTENT_TYPES),
        storedEntry("_rels/.rels", RELS),
        new RawEntry("word/document.xml", 8, 0, deflated, 2048)));
  }

  /** A valid-looking DOCX with far more entries than any Word file has. */
  static byte[] docxWithManyEntries(int entries) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(CONTENT_TYPES);
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < entries; i++) {
        zip.putNextEntry(new ZipEntry("word/media/image" + i + ".png"));
        zip.write(i);
      }
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A small DOCX whose central directory lists each of its three entries {@code copies} times: only the directory
   * says there are thousands, the local headers (what the inflate pass reads) say three.
   */
  static byte[] docxWithCrowdedDirectory(int copies) {
    byte[] document = "<w:document/>".getBytes(StandardCharsets.UTF_8);
    return handMadeZip(List.of(
        storedEntry("[Content_Types].xml", CONTENT_TYPES),
        storedEntry("_rels/.rels", RELS),
        storedEntry("word/document.xml", document)), copies);
  }

  /** A zip, but not a Word document (no {@code word/document.xml}): what renaming a .zip or .xlsx gives. */
  static byte[] plainZip() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("resume.txt"));
      zip.write("Jane Doe, engineer".getBytes(StandardCharsets.UTF_8));
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The realistic DOCX cut in half: its central directory is gone. */
  static byte[] truncatedDocx() {
    byte[] whole = docx();
    return Arrays.copyOf(whole, whole.length / 2);
  }

  /** The realistic DOCX, password-protected by Word's (agile) encryption: an OLE2 container. */
  static byte[] encryptedDocx() {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("secret");
      try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(docx()));
           OutputStream out = encryptor.getDataStream(fs)) {
        pkg.save(out);
      }
      fs.writeFilesystem(bytes);
      return bytes.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An OLE2 file like a Word 97-2003 .doc. */
  static byte[] legacyDoc() {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      fs.createDocument(new ByteArrayInputStream(new byte[4096]), "WordDocument");
      fs.writeFilesystem(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] png() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One byte over 10 MiB, starting like a PDF. */
  static byte[] oversized() {
    byte[] bytes = new byte[(int) (10 * MIB) + 1];
    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, bytes, 0, header.length);
    return bytes;
  }

  // --- building blocks ----------------------------------------------------------------------------------------

  private interface PdfContent {
    void fill(PDDocument document) throws IOException;
  }

  private static byte[] pdf(PdfContent content) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      content.fill(document);
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines at 14pt leading; "#" starts a name line (bold 16), "*" a heading (bold 11), "" a gap. */
  private static void column(PDPageContentStream out, float x, float top, List<String> lines) throws IOException {
    float y = top;
    for (String line : lines) {
      if (line.startsWith("#")) {
        text(out, BOLD, 16, x, y, line.substring(1));
      } else if (line.startsWith("*")) {
        text(out, BOLD, 11, x, y, line.substring(1));
      } else if (!line.isEmpty()) {
        text(out, REGULAR, 10, x, y, line);
      }
      y -= 14;
    }
  }

  private static void job(PDPageContentStream out, float y, String title, String dates, List<String> bullets)
      throws IOException {
    text(out, BOLD, 10, 50, y, title);
    float width = REGULAR.getStringWidth(dates) / 1000 * 10;
    text(out, REGULAR, 10, 562 - width, y, dates);
    float line = y - 14;
    for (String bullet : bullets) {
      text(out, REGULAR, 9, 60, line, bullet);
      line -= 14;
    }
  }

  private static void text(PDPageContentStream out, PDType1Font font, float size, float x, float y, String text)
      throws IOException {
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, y);
    out.showText(text);
    out.endText();
  }

  private static BigInteger bulletNumbering(XWPFDocument document) {
    CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
    abstractNum.setAbstractNumId(BigInteger.ZERO);
    CTLvl level = abstractNum.addNewLvl();
    level.setIlvl(BigInteger.ZERO);
    level.addNewNumFmt().setVal(STNumberFormat.BULLET);
    level.addNewLvlText().setVal("•");
    XWPFNumbering numbering = document.createNumbering();
    BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum));
    return numbering.addNum(abstractId);
  }

  private static void heading(XWPFDocument document, String text) {
    XWPFParagraph paragraph = document.createParagraph();
    paragraph.setStyle("Heading1");
    XWPFRun run = paragraph.createRun();
    run.setBold(true);
    run.setText(text.toUpperCase());
  }

  private static void bullet(XWPFDocument document, BigInteger numbering, String text) {
    XWPFParagraph paragraph = document.createParagraph();
    paragraph.setNumID(numbering);
    paragraph.createRun().setText(text);
  }

  private static byte[] filled(long size, byte value) {
    byte[] bytes = new byte[(int) size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  /**
   * Raw deflate data for {@code chunk} repeated {@code times}: one full-flushed block (independent of what came
   * before it) written {@code times} times, then an empty final block.
   */
  static byte[] deflateRepeated(byte[] chunk, int times) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(chunk);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    do {
      block.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH));
    } while (!deflater.needsInput());
    deflater.end();
    Deflater last = new Deflater(Deflater.BEST_COMPRESSION, true);
    last.finish();
    ByteArrayOutputStream end = new ByteArrayOutputStream();
    while (!last.finished()) {
      end.write(buffer, 0, last.deflate(buffer));
    }
    last.end();
    byte[] one = block.toByteArray();
    ByteArrayOutputStream all = new ByteArrayOutputStream(one.length * times + 16);
    for (int i = 0; i < times; i++) {
      all.write(one, 0, one.length);
    }
    all.write(end.toByteArray(), 0, end.size());
    return all.toByteArray();
  }

  /** A content stream holding already-compressed bytes as they are (PDStream's own constructors would re-encode). */
  private static PDStream flateStream(PDDocument document, byte[] zlib) throws IOException {
    COSStream stream = document.getDocument().createCOSStream();
    try (OutputStream raw = stream.createRawOutputStream()) {
      raw.write(zlib);
    }
    stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
    return new PDStream(stream);
  }

  /** Wraps raw deflate data as zlib, the way PDF streams carry it (PDFBox skips the header and checksum). */
  private static byte[] zlib(byte[] deflated) {
    byte[] zlib = new byte[deflated.length + 6];
    zlib[0] = 0x78;
    zlib[1] = (byte) 0xDA;
    System.arraycopy(deflated, 0, zlib, 2, deflated.length);
    return zlib;
  }

  private static final byte[] CONTENT_TYPES = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8);
  private static final byte[] RELS = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      + "officeDocument\" Target=\"word/document.xml\"/></Relationships>").getBytes(StandardCharsets.UTF_8);

  /** A zip entry written as given: {@code uncompressedSize} is what the headers claim, true or not. */
  private record RawEntry(String name, int method, long crc, byte[] data, long uncompressedSize) {
  }

  private static RawEntry storedEntry(String name, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return new RawEntry(name, 0, crc.getValue(), data, data.length);
  }

  /** Local headers, data, central directory, end record: the sizes in the headers are whatever the entry says. */
  private static byte[] handMadeZip(List<RawEntry> entries) {
    return handMadeZip(entries, 1);
  }

  /** As above, with every central directory record written {@code copies} times. */
  private static byte[] handMadeZip(List<RawEntry> entries, int copies) {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (RawEntry entry : entries) {
      byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
      int offset = zip.size();
      le32(zip, 0x04034b50);
      le16(zip, 20);
      le16(zip, 0);
      le16(zip, entry.method());
      le16(zip, 0);
      le16(zip, 0x21);
      le32(zip, entry.crc());
      le32(zip, entry.data().length);
      le32(zip, entry.uncompressedSize());
      le16(zip, name.length);
      le16(zip, 0);
      zip.write(name, 0, name.length);
      zip.write(entry.data(), 0, entry.data().length);

      for (int copy = 0; copy < copies; copy++) {
        centralRecord(central, entry, name, offset);
      }
    }
    int centralOffset = zip.size();
    zip.write(central.toByteArray(), 0, central.size());
    int records = Math.min(entries.size() * copies, 0xFFFF);
    le32(zip, 0x06054b50);
    le16(zip, 0);
    le16(zip, 0);
    le16(zip, records);
    le16(zip, records);
    le32(zip, central.size());
    le32(zip, centralOffset);
    le16(zip, 0);
    return zip.toByteArray();
  }

  private static void centralRecord(ByteArrayOutputStream central, RawEntry entry, byte[] name, int offset) {
    le32(central, 0x02014b50);
    le16(central, 20);
    le16(central, 20);
    le16(central, 0);
    le16(central, entry.method());
    le16(central, 0);
    le16(central, 0x21);
    le32(central, entry.crc());
    le32(central, entry.data().length);
    le32(central, entry.uncompressedSize());
    le16(central, name.length);
    le16(central, 0);
    le16(central, 0);
    le16(central, 0);
    le16(central, 0);
    le32(central, 0);
    le32(central, offset);
    central.write(name, 0, name.length);
  }

  private static void le16(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write(value >>> 8 & 0xFF);
  }

  private static void le32(ByteArrayOutputStream out, long value) {
    le16(out, (int) (value & 0xFFFF));
    le16(out, (int) (value >>> 16 & 0xFFFF));
  }
}
