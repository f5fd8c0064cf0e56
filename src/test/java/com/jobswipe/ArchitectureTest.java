package com.jobswipe;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Roles talk only over the event bus. The api role (api, admin, auth, profile, feed, applications, inbox, analytics, audit) and each of
 * the five other roles may not import one another; all of them may use the shared packages (bus, config, crypto, db,
 * edge, net, text), which in turn import no role. Only the launcher (the root package) sees everything.
 */
class ArchitectureTest {

  private static final String BASE = "com.jobswipe";
  private static final List<String> SHARED = List.of("bus", "config", "crypto", "db", "edge", "net", "text");
  private static final Map<String, List<String>> ROLES = Map.of(
      "api", List.of("api", "admin", "auth", "profile", "feed", "applications", "inbox", "analytics", "audit"),
      "ingestion", List.of("ingestion"),
      "embedding", List.of("embedding"),
      "matching", List.of("matching"),
      "automation", List.of("automation"),
      "notification", List.of("notification"));

  /** Beside the launcher: demo mode, which drives a node through its public API only. */
  private static final List<String> LAUNCHERS = List.of("demo");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
  }

  @Test
  void rolesDoNotImportEachOther() {
    ROLES.forEach((role, packages) -> {
      String[] others = ROLES.entrySet().stream()
          .filter(e -> !e.getKey().equals(role))
          .flatMap(e -> e.getValue().stream())
          .map(ArchitectureTest::pkg)
          .toArray(String[]::new);
      ArchRule rule = noClasses().that().resideInAnyPackage(packages.stream().map(ArchitectureTest::pkg)
              .toArray(String[]::new))
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("role " + role + " may reach other roles only over the event bus");
      rule.check(classes);
    });
  }

  @Test
  void sharedPackagesImportNoRole() {
    String[] rolePackages = ROLES.values().stream().flatMap(List::stream).map(ArchitectureTest::pkg)
        .toArray(String[]::new);
    noClasses().that().resideInAnyPackage(SHARED.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(rolePackages)
        .because("shared code must not tie roles together")
        .check(classes);
  }

  @Test
  void nothingButTheLauncherImportsTheLauncher() {
    String[] everyPackage = Stream.concat(SHARED.stream(), ROLES.values().stream().flatMap(List::stream))
        .map(ArchitectureTest::pkg).toArray(String[]::new);
    noClasses().that().resideInAnyPackage(everyPackage)
        .should().dependOnClassesThat().resideInAPackage(BASE)
        .because("the launcher wires roles together; nothing else may")
        .check(classes);
  }

  @Test
  void demoModeUsesNoRoleInternals() {
    String[] rolePackages = ROLES.values().stream().flatMap(List::stream).map(ArchitectureTest::pkg)
        .toArray(String[]::new);
    noClasses().that().resideInAnyPackage(LAUNCHERS.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(rolePackages)
        .because("demo mode sets a node up through the public API, as an operator would")
        .check(classes);
  }

  @Test
  void everyPackageIsClassified() {
    List<String> known = Stream.of(SHARED.stream(), ROLES.values().stream().flatMap(List::stream), LAUNCHERS.stream())
        .flatMap(s -> s).toList();
    List<String> unclassified = classes.stream()
        .map(c -> c.getPackageName())
        .filter(p -> !p.equals(BASE))
        .map(p -> p.substring(BASE.length() + 1).split("\\.")[0])
        .distinct()
        .filter(p -> !known.contains(p))
        .toList();
    org.assertj.core.api.Assertions.assertThat(unclassified)
        .as("every top-level package must be a role's or shared; add new ones to this test")
        .isEmpty();
  }

  private static String pkg(String name) {
    return BASE + "." + name + "..";
  }

}
