package com.jobswipe.profile.resume;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkillTaxonomyTest {

  private final SkillTaxonomy skills = SkillTaxonomy.standard();

  @Test
  void shipsAbout250SkillsAcrossTechAndBusiness() {
    assertThat(skills.skills()).hasSizeGreaterThanOrEqualTo(250);
    Set<String> categories = skills.skills().stream().map(SkillTaxonomy.Skill::category).collect(Collectors.toSet());
    assertThat(categories).contains("language", "framework", "database", "cloud", "devops", "data", "mobile",
        "design", "product", "sales", "marketing", "finance");
  }

  @Test
  void isLoadedOnce() {
    assertThat(SkillTaxonomy.standard()).isSameAs(skills);
  }

  @Test
  void aliasesMapToCanonicalNames() {
    assertThat(skills.find("k8s, Postgres, JS")).containsExactly("Kubernetes", "PostgreSQL", "JavaScript");
    assertThat(skills.find("TS, golang, nodejs, React.js, GCP, psql"))
        .containsExactly("TypeScript", "Go", "Node.js", "React", "Google Cloud", "PostgreSQL");
    assertThat(skills.find("AWS | C# | C++ | .NET | Node.js | CI/CD"))
        .containsExactly("AWS", "C#", "C++", ".NET", "Node.js", "CI/CD");
  }

  @Test
  void canonicalIgnoresCaseAndSpacing() {
    assertThat(skills.canonical("k8s")).contains("Kubernetes");
    assertThat(skills.canonical("  react.JS ")).contains("React");
    assertThat(skills.canonical("go")).contains("Go");
    assertThat(skills.canonical("node")).contains("Node.js");
    assertThat(skills.canonical("google   cloud platform")).contains("Google Cloud");
    assertThat(skills.canonical("Cobol")).contains("COBOL");
    assertThat(skills.canonical("Underwater basket weaving")).isEmpty();
    assertThat(skills.canonical(null)).isEmpty();
    assertThat(skills.isKnown("postgres")).isTrue();
    assertThat(skills.isKnown("postgresqlx")).isFalse();
    assertThat(skills.category("Postgres")).contains("database");
  }

  @Test
  void namesNeverMatchInsideLongerWords() {
    assertThat(skills.find("JavaScript developer")).containsExactly("JavaScript");
    assertThat(skills.find("Java and JavaScript")).containsExactly("Java", "JavaScript");
    assertThat(skills.find("Pythonic code, Javanese food, Scalable systems")).isEmpty();
    assertThat(skills.find("TypeScript on Node.js")).containsExactly("TypeScript", "Node.js");
    assertThat(skills.find("ASP.NET Core and .NET 6")).containsExactly("ASP.NET", ".NET");
  }

  @Test
  void punctuationInNamesIsPartOfTheName() {
    assertThat(skills.find("C/C++ and C#")).containsExactly("C", "C++", "C#");
    assertThat(skills.find("CI/CD pipelines with GitHub Actions")).containsExactly("CI/CD", "GitHub Actions");
    assertThat(skills.find("Java-based services")).containsExactly("Java");
    assertThat(skills.find("Vue.js, Next.js and D3.js")).containsExactly("Vue.js", "Next.js", "D3.js");
  }

  @Test
  void goIsTheLanguageOnlyWhenWrittenLikeOne() {
    assertThat(skills.find("I like to go hiking and go fast")).isEmpty();
    assertThat(skills.find("Go above and beyond for customers")).isEmpty();
    assertThat(skills.find("Go to market with the sales team")).containsExactly("Go-to-Market Strategy");
    assertThat(skills.find("Owned the go-to-market plan")).containsExactly("Go-to-Market Strategy");
    assertThat(skills.find("Built services in Go and Rust")).containsExactly("Go", "Rust");
    assertThat(skills.find("Languages: Java, Go, Python")).containsExactly("Java", "Go", "Python");
    assertThat(skills.find("Go, Kotlin")).containsExactly("Go", "Kotlin");
    assertThat(skills.find("Go developer since 2015")).containsExactly("Go");
    assertThat(skills.find("GOLANG microservices")).containsExactly("Go", "Microservices");
  }

  @Test
  void oneLetterLanguagesNeedAList() {
    assertThat(skills.find("Languages: C, C++, R")).containsExactly("C", "C++", "R");
    assertThat(skills.find("Statistics in Python and R")).containsExactly("Statistics", "Python", "R");
    assertThat(skills.find("John C. Smith")).isEmpty();
    assertThat(skills.find("Presented to C-level executives")).isEmpty();
    assertThat(skills.find("Led R&D for Plan B")).isEmpty();
    assertThat(skills.find("Vitamin C, grade R")).isEmpty();
    assertThat(skills.find("c, r")).isEmpty();
  }

  @Test
  void ordinaryWordsThatAreAlsoToolsNeedTheirCapitals() {
    assertThat(skills.find("A swift response to rust on the spring")).isEmpty();
    assertThat(skills.find("Swift, Rust")).containsExactly("Swift", "Rust");
    assertThat(skills.find("react quickly and express concerns")).isEmpty();
    assertThat(skills.find("React to customer feedback")).isEmpty();
    assertThat(skills.find("Built UIs with React and Express")).containsExactly("React", "Express");
    assertThat(skills.find("I excel at communication")).isEmpty();
    assertThat(skills.find("Models in Excel, PowerPoint decks")).containsExactly("Excel", "PowerPoint");
  }

  @Test
  void aSeasonAndYearIsNotAFramework() {
    assertThat(skills.find("Graduated Spring 2019")).isEmpty();
    assertThat(skills.find("Backend on Spring, Hibernate")).containsExactly("Spring", "Hibernate");
    assertThat(skills.find("Spring Boot microservices")).containsExactly("Spring Boot", "Microservices");
  }

  @Test
  void multiWordNamesMatchAcrossLineBreaks() {
    assertThat(skills.find("Deployed to Google\nCloud and used machine   learning"))
        .containsExactly("Google Cloud", "Machine Learning");
  }

  @Test
  void urlsAndEmailsAreNotMentions() {
    assertThat(skills.find("github.com/jane/kubernetes-demo https://java.example.com java@example.com")).isEmpty();
    assertThat(skills.find("see github.com/jane, then Docker")).containsExactly("Docker");
  }

  @Test
  void resultsAreDeduplicatedInOrderOfFirstMention() {
    assertThat(skills.find("Python, Java, python, JAVA, Postgres, PostgreSQL"))
        .containsExactly("Python", "Java", "PostgreSQL");
  }

  @Test
  void emptyTextHasNoSkills() {
    assertThat(skills.find("")).isEmpty();
    assertThat(skills.find(null)).isEmpty();
  }

  @Test
  void aTaxonomyWhereOneAliasNamesTwoSkillsIsRefused() {
    String json = "[{\"name\": \"Go\", \"aliases\": [\"golang\"], \"category\": \"language\"},"
        + " {\"name\": \"Golang Tools\", \"aliases\": [\"GOLANG\"], \"category\": \"tool\"}]";
    assertThatThrownBy(() -> SkillTaxonomy.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Golang Tools");
  }

  @Test
  void aCustomTaxonomyCanBeRead() throws Exception {
    String json = "[{\"name\": \"Cobol\", \"aliases\": [\"cbl\"], \"category\": \"language\", \"extra\": {\"x\": 1}}]";
    SkillTaxonomy custom = SkillTaxonomy.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(custom.find("CBL and cobol")).containsExactly("Cobol");
  }
}
