package com.jobswipe.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Postings that read like real ones, in seven job families (twelve with {@link #MORE_FAMILIES}), with known answers: a job's family is the truth
 * the relevance tests score against. Deterministic for a seed.
 */
public final class JobFixtures {

  /** One family: how its postings are titled, what they ask for, what the work is. */
  public record Family(String name, List<String> titles, List<String> skills, List<String> duties) {
  }

  /** A generated posting. */
  public record Posting(String family, String title, String company, List<String> locations, String remote,
                        List<String> skills, String description, Instant postedAt, String seniority,
                        Double salaryMax, String currency) {

    /** The text the embedding model reads (title, company, skills, description), as ingestion builds it. */
    public String embeddingText() {
      return title + " at " + company + ". Skills: " + String.join(", ", skills) + ". " + description;
    }
  }

  public static final List<Family> FAMILIES = List.of(
      new Family("backend", List.of("Backend Engineer", "Senior Java Developer", "Platform Engineer (Go)",
          "Software Engineer, APIs", "Backend Developer - Payments"),
          List.of("Java", "Spring Boot", "PostgreSQL", "Kafka", "Go", "gRPC", "Redis", "Microservices", "REST APIs"),
          List.of("design and run the services behind our payments API", "own database schemas and migrations",
              "scale event-driven systems to millions of messages a day", "review code and mentor engineers")),
      new Family("frontend", List.of("Frontend Engineer", "React Developer", "UI Engineer",
          "Senior Frontend Developer (TypeScript)", "Web Developer"),
          List.of("React", "TypeScript", "JavaScript", "CSS", "HTML", "Next.js", "Redux", "Accessibility"),
          List.of("build responsive web interfaces our customers love", "turn designs into accessible components",
              "improve page load performance", "maintain our component library")),
      new Family("data", List.of("Data Scientist", "Machine Learning Engineer", "Data Analyst",
          "Senior Data Scientist, NLP", "Applied Scientist"),
          List.of("Python", "Pandas", "scikit-learn", "PyTorch", "TensorFlow", "Statistics", "Machine Learning", "NLP"),
          List.of("train and evaluate machine learning models", "run experiments and analyse A/B tests",
              "build forecasting models from messy data", "present insights to product teams")),
      new Family("devops", List.of("DevOps Engineer", "Site Reliability Engineer", "Cloud Infrastructure Engineer",
          "SRE, Observability", "Platform Operations Engineer"),
          List.of("Kubernetes", "Terraform", "AWS", "Docker", "Linux", "Prometheus", "Ansible", "CI/CD"),
          List.of("keep our production clusters healthy and on call", "automate infrastructure with code",
              "build monitoring and alerting", "cut cloud costs and improve reliability")),
      new Family("design", List.of("Product Designer", "UX Designer", "Senior UX Researcher", "Visual Designer",
          "Interaction Designer"),
          List.of("Figma", "Sketch", "User Research", "Prototyping", "Design Systems", "Usability Testing",
              "Wireframing", "Typography"),
          List.of("run interviews and usability studies with users", "design flows, wireframes and prototypes",
              "evolve our design system", "partner with engineers to ship polished experiences")),
      new Family("sales", List.of("Account Executive", "Sales Development Representative", "Enterprise Account Manager",
          "Customer Success Manager", "Inside Sales Representative"),
          List.of("Salesforce", "Negotiation", "Cold Calling", "CRM", "Pipeline Management", "B2B Sales", "HubSpot",
              "Prospecting"),
          List.of("prospect new accounts and book meetings", "own a quota and close deals",
              "manage renewals with enterprise customers", "forecast the pipeline every week")),
      new Family("nursing", List.of("Registered Nurse", "ICU Nurse", "Pediatric Nurse", "Nurse Practitioner",
          "Emergency Room Nurse"),
          List.of("Patient Care", "Triage", "Medication Administration", "BLS", "ACLS", "Electronic Health Records",
              "Wound Care", "IV Therapy"),
          List.of("provide direct patient care on a busy ward", "assess and triage patients",
              "administer medication and document care", "educate patients and families")));

  /**
   * Five more families for the twelve-family catalogue of {@link SimulatedUsersTest}: neighbours of the first seven
   * (mobile beside frontend, product beside design) and far ones (finance, people).
   */
  public static final List<Family> MORE_FAMILIES = List.of(
      new Family("mobile", List.of("iOS Engineer", "Android Developer", "Mobile Engineer (React Native)",
          "Senior iOS Developer", "Mobile App Developer"),
          List.of("Swift", "Kotlin", "SwiftUI", "Jetpack Compose", "React Native", "Xcode", "Mobile CI", "App Store"),
          List.of("ship features to our iOS and Android apps every week", "keep the app fast on old phones",
              "work on offline sync and push notifications", "own releases through the app stores")),
      new Family("product", List.of("Product Manager", "Senior Product Manager", "Product Owner",
          "Group Product Manager", "Technical Product Manager"),
          List.of("Roadmapping", "Product Discovery", "Stakeholder Management", "OKRs", "Jira", "Agile",
              "Product Analytics", "Prioritization"),
          List.of("own the roadmap for a product area", "talk to customers and turn problems into bets",
              "write specs with design and engineering", "measure outcomes and decide what to build next")),
      new Family("marketing", List.of("Marketing Manager", "Content Marketing Lead", "Growth Marketer",
          "SEO Specialist", "Product Marketing Manager"),
          List.of("SEO", "Content Strategy", "Google Analytics", "Paid Social", "Email Marketing", "Copywriting",
              "Brand", "Marketing Automation"),
          List.of("plan and run campaigns across channels", "write and edit content for our blog and site",
              "grow organic traffic and signups", "launch products with positioning and messaging")),
      new Family("finance", List.of("Financial Analyst", "Accountant", "Senior Accountant", "FP&A Manager",
          "Controller"),
          List.of("Excel", "Financial Modeling", "GAAP", "Budgeting", "Forecasting", "Month-End Close", "NetSuite",
              "Audit"),
          List.of("close the books every month", "build budgets and forecasts with department heads",
              "prepare reports for the board and auditors", "analyse margins and spending")),
      new Family("people", List.of("HR Business Partner", "Technical Recruiter", "People Operations Manager",
          "Talent Acquisition Specialist", "HR Generalist"),
          List.of("Recruiting", "Onboarding", "Employee Relations", "HRIS", "Compensation", "Sourcing",
              "Performance Management", "Labor Law"),
          List.of("hire great people across the company", "run onboarding and performance reviews",
              "advise managers on employee relations", "keep our HR systems and policies current")));

  /** The seven families and the five more: the catalogue of the simulated users. */
  public static final List<Family> TWELVE_FAMILIES = java.util.stream.Stream.concat(FAMILIES.stream(),
      MORE_FAMILIES.stream()).toList();

  private static final List<String> COMPANIES = List.of("Acme Corp", "Globex", "Initech", "Umbrella Health",
      "Stark Industries", "Wayne Enterprises", "Hooli", "Pied Piper", "Vandelay Industries", "Soylent",
      "Cyberdyne Systems", "Tyrell Corporation", "Wonka Labs", "Gringotts", "Oscorp", "Massive Dynamic",
      "Aperture Science", "Black Mesa", "Monarch Solutions", "Nakatomi Trading");
  private static final List<String> CITIES = List.of("Berlin, Germany", "London, UK", "New York, NY",
      "Austin, TX", "Toronto, Canada", "Amsterdam, Netherlands");
  private static final List<String> LEVELS = List.of("junior", "mid", "senior", "senior", "mid");

  private JobFixtures() {
  }

  public static Family family(String name) {
    return TWELVE_FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  /** {@code perFamily} postings of every family, shuffled, dated over the last {@code days} days. */
  public static List<Posting> postings(int perFamily, long seed, Instant now, int days) {
    return postings(FAMILIES, perFamily, seed, now, days);
  }

  /** {@code perFamily} postings of each of these families, shuffled, dated over the last {@code days} days. */
  public static List<Posting> postings(List<Family> families, int perFamily, long seed, Instant now, int days) {
    Random random = new Random(seed);
    List<Posting> postings = new ArrayList<>();
    for (Family family : families) {
      for (int i = 0; i < perFamily; i++) {
        postings.add(posting(family, random, now, days));
      }
    }
    java.util.Collections.shuffle(postings, random);
    return postings;
  }

  public static Posting posting(Family family, Random random, Instant now, int days) {
    String title = pick(family.titles(), random);
    String company = pick(COMPANIES, random);
    LinkedHashSet<String> skills = new LinkedHashSet<>();
    while (skills.size() < 4) {
      skills.add(pick(family.skills(), random));
    }
    List<String> skillList = new ArrayList<>(skills);
    String remote = random.nextInt(3) == 0 ? "remote" : random.nextBoolean() ? "hybrid" : "onsite";
    List<String> locations = List.of(pick(CITIES, random));
    String description = company + " is hiring a " + title + ". In this role you will " + pick(family.duties(), random)
        + " and " + pick(family.duties(), random) + ". Our stack and tools: " + String.join(", ", skillList) + ". "
        + "You have " + (2 + random.nextInt(6)) + "+ years of experience with " + skillList.get(0) + " and "
        + skillList.get(1) + ". We offer flexible hours, learning budget and a friendly team.";
    Instant posted = now.minus(Duration.ofHours(random.nextInt(Math.max(1, days * 24))));
    double salary = 50_000 + random.nextInt(12) * 10_000;
    return new Posting(family.name(), title, company, locations, remote, skillList, description, posted,
        pick(LEVELS, random), salary, "USD");
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  /** nDCG@k of a ranked list of families against the wanted one (binary relevance). */
  public static double ndcg(List<String> rankedFamilies, String wanted, int k, int relevantAvailable) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, rankedFamilies.size()); i++) {
      if (rankedFamilies.get(i).equals(wanted)) {
        dcg += 1 / log2(i + 2);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevantAvailable); i++) {
      ideal += 1 / log2(i + 2);
    }
    return ideal == 0 ? 0 : dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Family name → its postings, for counting what is left to find. */
  public static Map<String, Long> countByFamily(List<Posting> postings) {
    return postings.stream().collect(java.util.stream.Collectors.groupingBy(Posting::family,
        java.util.stream.Collectors.counting()));
  }
}
