package com.jobswipe.ingestion.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import com.jobswipe.ingestion.catalog.ApplyUrls;
import com.jobswipe.ingestion.catalog.Categorizer;
import com.jobswipe.ingestion.catalog.Dedup;
import com.jobswipe.ingestion.catalog.SimHash;
import com.jobswipe.testing.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad input at scale for ingestion: every source kind's real fixture, mutated (JSON values swapped for wrong types,
 * hostile strings and deep nesting; bytes truncated, flipped, duplicated, spliced with entities, NULs and invalid
 * UTF-8), goes through the parser and the cataloguing a poll does. A page either parses into postings a row can be
 * stored from, or fails whole with {@link SourceFormatException} (which the poll records as a format failure); no
 * other exception escapes, and none takes more than a generous bound (a hang, not a slow machine, would break it).
 *
 * <p>The seed is fixed so a failure replays; tries per property are {@code jqwik.tries.default}.
 */
class SourceFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Categorizer CATEGORIZER = Categorizer.standard();
  /** Far above any parse of these fixtures (milliseconds); only a hang reaches it. */
  private static final Duration HANG = Duration.ofSeconds(60);
  private static final Instant LATEST_DATE = Instant.parse("9999-12-31T23:59:59Z");
  private static final Map<String, AtomicInteger> outcomes = new ConcurrentSkipListMap<>();

  /** A real payload of one source kind, with the URL and content type it was served under. */
  record Source(SourceKind kind, String fixture, String contentType, URI url) {
  }

  private static final List<Source> SOURCES = List.of(
      new Source(SourceKind.RSS, "atom-jobs.xml", "application/atom+xml", URI.create("https://jobs.example.com/atom")),
      new Source(SourceKind.RSS, "rss-aggregator.xml", "application/rss+xml", URI.create("https://jobs.example.com/rss")),
      new Source(SourceKind.RSS, "rss-latin1.xml", "text/xml", URI.create("https://jobs.example.com/latin1")),
      new Source(SourceKind.GREENHOUSE, "greenhouse-jobs.json", "application/json",
          URI.create("https://boards-api.greenhouse.io/v1/boards/zephyrhealth/jobs?content=true")),
      new Source(SourceKind.LEVER, "lever-postings.json", "application/json",
          URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json&limit=3")),
      new Source(SourceKind.ASHBY, "ashby-job-board.json", "application/json",
          URI.create("https://api.ashbyhq.com/posting-api/job-board/lumen-labs?includeCompensation=true")),
      new Source(SourceKind.WORKABLE, "workable-account.json", "application/json",
          URI.create("https://apply.workable.com/api/v1/widget/accounts/fjordco?details=true")),
      new Source(SourceKind.SMARTRECRUITERS, "smartrecruiters-postings-page1.json", "application/json",
          URI.create("https://api.smartrecruiters.com/v1/companies/HelvetiaRobotics/postings?limit=3")),
      new Source(SourceKind.REMOTIVE, "remotive-jobs.json", "application/json",
          URI.create("https://remotive.com/api/remote-jobs")),
      new Source(SourceKind.REMOTEOK, "remoteok-api.json", "application/json", URI.create("https://remoteok.com/api")));

  /** One mutated payload; {@code label} says what was done to it, for the report of a failing case. */
  record Case(Source source, byte[] body, String label) {
    @Override
    public String toString() {
      return source.kind() + " " + source.fixture() + " [" + label + "] " + body.length + " bytes";
    }
  }

  @Property(seed = "20261204")
  void everyMutatedPageParsesIntoStorablePostingsOrFailsAsAFormatError(@ForAll("pages") Case input) {
    SourceParser parser = SourceParsers.forKind(input.source().kind());
    SourceParser.Page page;
    try {
      page = assertTimeoutPreemptively(HANG,
          () -> parser.parse(input.body(), input.source().contentType(), input.source().url()));
    } catch (SourceFormatException refused) {
      count("format error");
      return;
    }
    count(page.postings().isEmpty() ? "parsed, no postings" : "parsed");
    for (JobPosting posting : page.postings()) {
      assertStorable(posting);
      // What the poll does with each posting before it writes a row.
      ApplyUrls.detect(posting.applyUrl());
      SimHash.of(posting.descriptionText());
      Dedup.contentHash(posting);
      Dedup.normalizedCompany(posting.company());
      Dedup.titleKey(posting.title());
      assertThat(CATEGORIZER.categorize(posting).family()).isNotBlank();
    }
    page.next().ifPresent(next -> assertThat(next.getScheme()).isIn("http", "https"));
  }

  /**
   * What a row needs: an id, a title, an http(s) apply URL, a posting date PostgreSQL can hold, and no NUL anywhere
   * (PostgreSQL text refuses it).
   */
  private static void assertStorable(JobPosting posting) {
    assertThat(posting.externalId()).isNotBlank();
    posting.postedAt().ifPresent(posted -> assertThat(posted).isBetween(Instant.EPOCH, LATEST_DATE));
    assertThat(posting.title()).isNotBlank();
    assertThat(URI.create(posting.applyUrl()).getScheme()).isIn("http", "https");
    Stream.concat(Stream.of(posting.externalId(), posting.title(), posting.company(), posting.remote(),
                posting.descriptionText(), posting.descriptionHtml(), posting.applyUrl(),
                posting.postingUrl().orElse(""), posting.employmentType().orElse("")),
            posting.locations().stream())
        .forEach(text -> assertThat(text).doesNotContain("\u0000"));
  }

  @Provide
  Arbitrary<Case> pages() {
    return Arbitraries.of(SOURCES).flatMap(source -> Arbitraries.longs().map(seed -> mutate(source, new Random(seed))));
  }

  private static Case mutate(Source source, byte[] original, Random random) {
    boolean json = source.fixture().endsWith(".json");
    if (json && random.nextInt(3) > 0) {
      return treeMutation(source, original, random);
    }
    return new Case(source, Mutations.mutate(original, random), "bytes");
  }

  private static Case mutate(Source source, Random random) {
    return mutate(source, Fixtures.bytes(source.fixture()), random);
  }

  /** Keeps the JSON well-formed but puts the wrong thing where the parser expects a field. */
  private static Case treeMutation(Source source, byte[] original, Random random) {
    try {
      JsonNode root = JSON.readTree(original);
      List<Slot> slots = new ArrayList<>();
      collect(root, slots);
      List<String> done = new ArrayList<>();
      for (int i = 1 + random.nextInt(5); i > 0 && !slots.isEmpty(); i--) {
        Slot slot = slots.get(random.nextInt(slots.size()));
        done.add(slot.replace(replacement(random)));
      }
      return new Case(source, JSON.writeValueAsBytes(root), "json " + String.join(", ", done));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode replacement(Random random) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (random.nextInt(11)) {
      case 0 -> nodes.nullNode();
      case 1 -> nodes.booleanNode(random.nextBoolean());
      case 2 -> nodes.numberNode(random.nextBoolean() ? -1 : Long.MAX_VALUE);
      case 3 -> nodes.numberNode(1e308);
      case 4 -> nodes.arrayNode();
      case 5 -> nodes.objectNode();
      case 6 -> {
        JsonNode deep = nodes.textNode("bottom");
        for (int depth = 0; depth < 400; depth++) {
          deep = random.nextBoolean() ? nodes.arrayNode().add(deep) : nodes.objectNode().set("x", deep);
        }
        yield deep;
      }
      case 7 -> nodes.textNode(String.valueOf(random.nextLong()));
      case 8 -> nodes.textNode("2024-13-45T99:99:99Z");
      default -> nodes.textNode(Mutations.hostileText(random));
    };
  }

  /** A place in the tree that can be replaced: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index) {
    String replace(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
        return field + "=" + value.getNodeType();
      }
      ((ArrayNode) parent).set(index, value);
      return "[" + index + "]=" + value.getNodeType();
    }
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        slots.add(new Slot(object, name, -1));
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static void count(String outcome) {
    outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
  }

  @AfterContainer
  static void report() {
    System.out.println("SourceFuzzTest: outcomes " + outcomes);
  }
}
