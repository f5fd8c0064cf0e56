package com.jobswipe.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The postings demo mode serves: a fixed seed, so every run lists the same jobs under the same ids (a second run
 * finds nothing new). Nine employers on three kinds of board, each hiring across several job families; all of
 * them apply through the replica forms this process serves. Exactly one posting has a form with a captcha and one
 * a required question no profile answers, so the hand-off to a human can be seen.
 */
public final class DemoWorld {

  /** Which replica form a posting's apply link opens. */
  public enum Form { STANDARD, CAPTCHA, QUESTION }

  /** The board API that lists an employer's postings. */
  public enum Board { GREENHOUSE, LEVER, ASHBY }

  /** One employer and the board it publishes on; {@code slug} is its board token. */
  public record Employer(String name, String slug, Board board, String city, String country, String currency) {
  }

  /**
   * One posting. {@code id} is unique across the world and stable between runs; salaries are yearly.
   *
   * @param remote {@code remote}, {@code hybrid} or {@code onsite}
   */
  public record Posting(String id, Employer employer, String title, String family, String location, String remote,
                        int salaryMin, int salaryMax, String descriptionHtml, Form form) {
  }

  private record Family(String name, List<String> titles, List<String> skills, int baseSalary) {
  }

  public static final String CAPTCHA_TITLE = "Senior Backend Engineer (Kotlin), Payments Risk";
  public static final String QUESTION_TITLE = "Senior Backend Engineer (Kotlin), Settlement";

  private static final List<Employer> EMPLOYERS = List.of(
      new Employer("Northwind Robotics", "northwind", Board.GREENHOUSE, "Berlin", "Germany", "EUR"),
      new Employer("Zephyr Health", "zephyrhealth", Board.GREENHOUSE, "Zürich", "Switzerland", "CHF"),
      new Employer("Harbor Freight Labs", "harborlabs", Board.GREENHOUSE, "Rotterdam", "Netherlands", "EUR"),
      new Employer("Nordlicht Energy", "nordlicht", Board.LEVER, "Hamburg", "Germany", "EUR"),
      new Employer("Fjord Payments", "fjordpay", Board.LEVER, "Oslo", "Norway", "EUR"),
      new Employer("Cobalt Mobility", "cobalt", Board.LEVER, "Munich", "Germany", "EUR"),
      new Employer("Lumen Labs", "lumen-labs", Board.ASHBY, "London", "United Kingdom", "GBP"),
      new Employer("Tidewater Analytics", "tidewater", Board.ASHBY, "Amsterdam", "Netherlands", "EUR"),
      new Employer("Quill Learning", "quill", Board.ASHBY, "Dublin", "Ireland", "EUR"));

  private static final List<Family> FAMILIES = List.of(
      new Family("Backend engineering", List.of("Backend Engineer", "Senior Backend Engineer", "Staff Software Engineer",
          "Java Developer", "Kotlin Engineer", "Platform Engineer"),
          List.of("Java", "Kotlin", "PostgreSQL", "Kafka", "Spring", "gRPC", "Redis"), 70_000),
      new Family("Frontend engineering", List.of("Frontend Engineer", "Senior Frontend Engineer", "React Developer",
          "Web Engineer, Design Systems"), List.of("TypeScript", "React", "CSS", "Accessibility", "Vite"), 65_000),
      new Family("Data", List.of("Data Engineer", "Senior Data Scientist", "Analytics Engineer",
          "Machine Learning Engineer"), List.of("Python", "SQL", "dbt", "Spark", "Airflow", "PyTorch"), 72_000),
      new Family("Infrastructure", List.of("Site Reliability Engineer", "DevOps Engineer", "Cloud Infrastructure Engineer"),
          List.of("Kubernetes", "Terraform", "AWS", "Prometheus", "Linux", "Go"), 75_000),
      new Family("Product design", List.of("Product Designer", "Senior UX Designer", "UX Researcher"),
          List.of("Figma", "User research", "Prototyping", "Design systems"), 60_000),
      new Family("Product management", List.of("Product Manager", "Senior Product Manager", "Technical Product Manager"),
          List.of("Roadmapping", "Discovery", "SQL", "Stakeholder management"), 78_000),
      new Family("Marketing", List.of("Content Marketing Manager", "Growth Marketer", "Product Marketing Manager"),
          List.of("SEO", "Copywriting", "HubSpot", "Campaigns"), 55_000),
      new Family("Sales", List.of("Account Executive", "Sales Development Representative", "Solutions Engineer"),
          List.of("Salesforce", "Negotiation", "B2B SaaS", "Pipeline management"), 52_000),
      new Family("Customer success", List.of("Customer Success Manager", "Support Engineer", "Implementation Consultant"),
          List.of("Onboarding", "Zendesk", "SQL", "Customer communication"), 48_000));

  private static final String[] REMOTE_PLACES = {"", "Remote - Europe", "Remote"};

  private final List<Posting> postings;

  private DemoWorld(List<Posting> postings) {
    this.postings = List.copyOf(postings);
  }

  /** {@code perEmployer} postings for each of the nine employers, plus the two hand-off postings. */
  public static DemoWorld generate(int perEmployer) {
    Random random = new Random(20_261_203L);
    List<Posting> postings = new ArrayList<>();
    for (Employer employer : EMPLOYERS) {
      for (int i = 0; i < perEmployer; i++) {
        Family family = FAMILIES.get(random.nextInt(FAMILIES.size()));
        String title = family.titles().get(random.nextInt(family.titles().size()));
        String id = employer.slug() + "-" + (1000 + i);
        String remote = switch (random.nextInt(3)) {
          case 0 -> "remote";
          case 1 -> "hybrid";
          default -> "onsite";
        };
        String place = remote.equals("remote") ? REMOTE_PLACES[1 + random.nextInt(2)] : employer.city();
        int min = family.baseSalary() + 5_000 * random.nextInt(8);
        postings.add(new Posting(id, employer, title, family.name(), place, remote, min, min + 15_000 + 5_000 * random.nextInt(4),
            description(employer, title, family, random), Form.STANDARD));
      }
    }
    Family backend = FAMILIES.get(0);
    Employer fjord = EMPLOYERS.get(4);
    postings.add(new Posting("fjordpay-captcha", fjord, CAPTCHA_TITLE, backend.name(), "Oslo", "hybrid", 90_000, 115_000,
        "<p>Fjord Payments' risk team scores every card payment in under 50 ms. You will build the Kotlin services"
            + " behind fraud rules, chargebacks and merchant limits, on PostgreSQL and Kafka.</p>", Form.CAPTCHA));
    postings.add(new Posting("fjordpay-question", fjord, QUESTION_TITLE, backend.name(), "Oslo", "hybrid", 90_000, 115_000,
        "<p>Settlement moves 3,000 Nordic merchants' money every night. You will own the Kotlin batch and ledger"
            + " services that reconcile card schemes with our banks, and the Java tooling around them.</p>", Form.QUESTION));
    return new DemoWorld(postings);
  }

  public List<Posting> postings() {
    return postings;
  }

  public List<Employer> employers() {
    return EMPLOYERS;
  }

  public List<Posting> postingsOf(Employer employer) {
    return postings.stream().filter(p -> p.employer().equals(employer)).toList();
  }

  public java.util.Optional<Posting> posting(String id) {
    return postings.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private static String description(Employer employer, String title, Family family, Random random) {
    List<String> skills = new ArrayList<>(family.skills());
    java.util.Collections.shuffle(skills, random);
    List<String> wanted = skills.subList(0, Math.min(4, skills.size()));
    StringBuilder html = new StringBuilder()
        .append("<p><strong>").append(employer.name()).append("</strong> is hiring a ").append(title)
        .append(" for its ").append(family.name().toLowerCase(Locale.ROOT)).append(" team in ")
        .append(employer.city()).append(", ").append(employer.country()).append(".</p>")
        .append("<h3>What you will do</h3><ul>")
        .append("<li>Own a part of our product end to end, from design to production</li>")
        .append("<li>Work closely with a small cross-functional team</li>")
        .append("<li>Share what you learn in reviews and write-ups</li></ul>")
        .append("<h3>What you bring</h3><ul>");
    for (String skill : wanted) {
      html.append("<li>Experience with ").append(skill).append("</li>");
    }
    return html.append("</ul><p>We offer a yearly learning budget, flexible hours and 30 days of holiday.</p>").toString();
  }
}
