package com.jobswipe.ingestion.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlCleanerTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "<p>Hi</p><script>alert('x')</script>",
      "<p>Hi</p><SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
      "<p>Hi</p><img src=x onerror=alert('x')>",
      "<p onmouseover=\"alert('x')\">Hi</p>",
      "<p>Hi</p><iframe src=\"javascript:alert('x')\"></iframe>",
      "<p>Hi</p><style>body{background:url(javascript:alert('x'))}</style>",
      "<p>Hi</p><svg onload=alert('x')><script>alert('x')</script></svg>",
      "<p>Hi</p><object data=\"javascript:alert('x')\"></object><embed src=\"javascript:alert('x')\">",
      "<p>Hi</p><form action=\"https://evil.example\"><input name=q><button formaction=\"javascript:alert('x')\">go</button></form>",
      "<p style=\"background:url(javascript:alert('x'))\">Hi</p>",
      "<p>Hi</p><math><mtext><table><mglyph><style><img src=x onerror=alert('x')>",
      "<p>Hi</p><noscript><p title=\"</noscript><img src=x onerror=alert('x')>\"></noscript>",
  })
  void xssVectorsAreRemoved(String hostile) {
    String safe = HtmlCleaner.sanitise(hostile);

    assertThat(safe).contains("Hi");
    assertThat(safe.toLowerCase())
        .doesNotContain("<script", "alert", "onerror", "onload", "onmouseover", "javascript:", "<iframe", "<style",
            "<img", "<svg", "<object", "<embed", "<form", "<input", "<button", "style=");
  }

  @Test
  void linksKeepOnlySafeSchemesAndGetRel() {
    String safe = HtmlCleaner.sanitise("<a href=\"https://acme.example/jobs\" target=\"_blank\" onclick=\"x()\">site</a>"
        + "<a href=\"mailto:jobs@acme.example\">mail</a>"
        + "<a href=\"JaVaScRiPt:alert(1)\">js</a>"
        + "<a href=\"&#106;avascript:alert(1)\">encoded js</a>"
        + "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>"
        + "<a href=\"ftp://acme.example/file\">ftp</a>");

    assertThat(safe).isEqualTo(
        "<a href=\"https://acme.example/jobs\" rel=\"nofollow noopener\">site</a>"
            + "<a href=\"mailto:jobs@acme.example\" rel=\"nofollow noopener\">mail</a>"
            + "<a rel=\"nofollow noopener\">js</a>"
            + "<a rel=\"nofollow noopener\">encoded js</a>"
            + "<a rel=\"nofollow noopener\">data</a>"
            + "<a rel=\"nofollow noopener\">ftp</a>");
  }

  @Test
  void relativeLinksAreResolvedAgainstABaseOrDropped() {
    String html = "<a href=\"/jobs/1/apply\">apply</a>";
    assertThat(HtmlCleaner.sanitise(html)).isEqualTo("<a rel=\"nofollow noopener\">apply</a>");
    assertThat(HtmlCleaner.sanitise(html, "https://acme.example/jobs/1"))
        .isEqualTo("<a href=\"https://acme.example/jobs/1/apply\" rel=\"nofollow noopener\">apply</a>");
  }

  @Test
  void structureIsKept() {
    String html = "<h2 class=\"x\" id=\"y\">Role</h2><p>One <strong>two</strong> <em>three</em><br>four</p>"
        + "<ol start=\"2\"><li>a</li></ol><blockquote>q</blockquote><pre><code>x = 1</code></pre>"
        + "<table><tr><th scope=\"col\">k</th><td colspan=\"2\">v</td></tr></table>";
    assertThat(HtmlCleaner.sanitise(html)).isEqualTo("<h2>Role</h2><p>One <strong>two</strong> <em>three</em><br>four</p>"
        + "<ol start=\"2\"><li>a</li></ol><blockquote>q</blockquote><pre><code>x = 1</code></pre>"
        + "<table><tbody><tr><th scope=\"col\">k</th><td colspan=\"2\">v</td></tr></tbody></table>");
  }

  @Test
  void textKeepsParagraphsLineBreaksAndBullets() {
    String html = """
        <div><h3>About   us</h3>
          <p>We   build
             ferries.<br>Since 1998.</p>
          <ul>
            <li>Java &amp; Kotlin</li>
            <li><p>Postgres</p></li>
            <li>Ops<ul><li>on-call</li></ul></li>
          </ul>
          <p>Apply&nbsp;now</p>
          <script>var leaked = 'never shown';</script>
          <style>.leak { content: 'never shown' }</style>
        </div>""";

    assertThat(HtmlCleaner.toText(html)).isEqualTo("""
        About us

        We build ferries.
        Since 1998.

        • Java & Kotlin
        • Postgres
        • Ops
        • on-call

        Apply now""");
  }

  @Test
  void preformattedTextKeepsItsLines() {
    assertThat(HtmlCleaner.toText("<p>Example:</p><pre>line 1\n  line 2</pre>")).isEqualTo("Example:\n\nline 1\n  line 2");
  }

  @Test
  void escapedHtmlIsUnescapedOnceThenSanitised() {
    String escaped = "&lt;p&gt;Caf&amp;eacute; &amp;amp; bar&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        + "&lt;a href=&quot;javascript:alert(2)&quot;&gt;x&lt;/a&gt;";

    String safe = HtmlCleaner.unescapeThenSanitise(escaped);

    assertThat(safe).isEqualTo("<p>Café &amp; bar</p><a rel=\"nofollow noopener\">x</a>");
    assertThat(HtmlCleaner.toText(safe)).isEqualTo("Café & bar\n\nx");
  }

  @Test
  void plainTextBecomesEscapedParagraphs() {
    assertThat(HtmlCleaner.fromPlainText("Line <b>one</b>\nline two\n\n\nNext & last"))
        .isEqualTo("<p>Line &lt;b&gt;one&lt;/b&gt;<br>line two</p><p>Next &amp; last</p>");
  }

  @Test
  void emptyInputsGiveEmptyOutputs() {
    assertThat(HtmlCleaner.sanitise(null)).isEmpty();
    assertThat(HtmlCleaner.sanitise("   ")).isEmpty();
    assertThat(HtmlCleaner.toText("<script>x()</script>")).isEmpty();
    assertThat(HtmlCleaner.unescapeThenSanitise(null)).isEmpty();
    assertThat(HtmlCleaner.fromPlainText("")).isEmpty();
  }
}
