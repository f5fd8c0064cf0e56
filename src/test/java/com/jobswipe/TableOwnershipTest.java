package com.jobswipe;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL is the second contract between roles: each table has one writing package, named in
 * docs/architecture.md with any declared exception. This reads that table and the SQL in every package's string
 * literals (text blocks included) and fails on a write the page does not allow, and on a migration's table the
 * page does not name.
 */
class TableOwnershipTest {

  private static final Path SOURCES = Path.of("src/main/java/com/jobswipe");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path MAP = Path.of("docs/architecture.md");

  private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
  /** SQL keywords are written in capitals here; prose in messages ("update your profile") is not SQL. */
  private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern CREATE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_]+)`\\s*\\|\\s*([a-z]+)\\s*\\|(.*)\\|\\s*$");
  private static final Pattern OTHER_WRITER = Pattern.compile("(?:^|;)\\s*([a-z]+)\\s*(?:\\(|;|$)");

  private static Map<String, Set<String>> writersByTable;

  @BeforeAll
  static void readTheMap() throws IOException {
    writersByTable = writers(Files.readAllLines(MAP));
  }

  @Test
  void everyPackageWritesOnlyTheTablesItOwnsOrIsDeclaredFor() throws IOException {
    assertThat(violations(writesByPackage(), writersByTable)).as("writes docs/architecture.md does not allow")
        .isEmpty();
  }

  @Test
  void everyTableOfTheMigrationsHasAnOwnerAndEveryOwnedTableExists() throws IOException {
    Set<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        Matcher m = CREATE.matcher(Files.readString(file));
        while (m.find()) {
          created.add(m.group(1).toLowerCase());
        }
      }
    }

    assertThat(writersByTable.keySet()).as("tables in docs/architecture.md").containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void aWriteFromAPackageThatDoesNotOwnTheTableIsReported() {
    Map<String, Set<String>> writers = writers(List.of(
        "| `jobs` | ingestion | |",
        "| `applications` | automation | feed (the swipe's queued application) |"));
    Map<String, Map<String, Set<String>>> writes = Map.of(
        "feed", Map.of("applications", Set.of("SwipeStore.java"), "jobs", Set.of("SwipeStore.java")),
        "ingestion", Map.of("jobs", Set.of("JobStore.java")));

    assertThat(violations(writes, writers)).containsExactly("feed writes jobs (SwipeStore.java); its writers: [ingestion]");
  }

  /** Table → the packages allowed to write it (owner first), from the rows of the page's ownership table. */
  private static Map<String, Set<String>> writers(List<String> lines) {
    Map<String, Set<String>> writers = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher row = ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      Set<String> allowed = new TreeSet<>(Set.of(row.group(2)));
      Matcher other = OTHER_WRITER.matcher(row.group(3).replaceAll("\\([^)]*\\)", "()"));
      while (other.find()) {
        allowed.add(other.group(1));
      }
      writers.put(row.group(1), allowed);
    }
    return writers;
  }

  /** Package → table → the files whose SQL writes it. The root package (the launcher) is not a table writer. */
  private static Map<String, Map<String, Set<String>>> writesByPackage() throws IOException {
    Map<String, Map<String, Set<String>>> writes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue;
        }
        String pkg = relative.getName(0).toString();
        Matcher literal = STRING.matcher(Files.readString(file));
        while (literal.find()) {
          String sql = literal.group(1) != null ? literal.group(1) : literal.group(2);
          Matcher write = WRITE.matcher(sql);
          while (write.find()) {
            writes.computeIfAbsent(pkg, p -> new TreeMap<>())
                .computeIfAbsent(write.group(1).toLowerCase(), t -> new TreeSet<>())
                .add(file.getFileName().toString());
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return writes;
  }

  private static List<String> violations(Map<String, Map<String, Set<String>>> writes,
                                         Map<String, Set<String>> writers) {
    List<String> found = new ArrayList<>();
    new TreeMap<>(writes).forEach((pkg, tables) -> new TreeMap<>(tables).forEach((table, files) -> {
      Set<String> allowed = writers.get(table);
      if (allowed == null) {
        found.add(pkg + " writes " + table + " (" + String.join(", ", files) + "), a table the page does not list");
      } else if (!allowed.contains(pkg)) {
        found.add(pkg + " writes " + table + " (" + String.join(", ", files) + "); its writers: " + allowed);
      }
    }));
    return found;
  }
}
