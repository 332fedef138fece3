package dev.switchboard.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** The hexagon's rules, checked over the classes of all the modules. */
@AnalyzeClasses(
    packages = "dev.switchboard",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /**
   * Leaves out test-jars (the application's fakes and stub servers): they are test code too, but
   * reach this module as a jar that {@link ImportOption.DoNotIncludeTests} does not recognise.
   */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  static final String DOMAIN = "dev.switchboard.domain..";
  static final String APPLICATION = "dev.switchboard.application..";
  static final String WHATSAPP = "dev.switchboard.adapters.whatsapp..";
  static final String TELEGRAM = "dev.switchboard.adapters.telegram..";
  static final String GENESYS = "dev.switchboard.adapters.genesys..";
  static final String PERSISTENCE = "dev.switchboard.adapters.persistence..";
  static final String RABBITMQ = "dev.switchboard.adapters.rabbitmq..";
  static final String SUPPORT = "dev.switchboard.adapters.support..";
  static final String BOOTSTRAP = "dev.switchboard.bootstrap..";
  static final String SANDBOX = "dev.switchboard.sandbox..";

  @ArchTest
  static final ArchRule layers_point_inwards =
      layeredArchitecture()
          .consideringAllDependencies()
          .layer("Domain")
          .definedBy(DOMAIN)
          .layer("Application")
          .definedBy(APPLICATION)
          .layer("WhatsApp")
          .definedBy(WHATSAPP)
          .layer("Telegram")
          .definedBy(TELEGRAM)
          .layer("Genesys")
          .definedBy(GENESYS)
          .layer("Persistence")
          .definedBy(PERSISTENCE)
          .layer("RabbitMq")
          .definedBy(RABBITMQ)
          .layer("Support")
          .definedBy(SUPPORT)
          .layer("Bootstrap")
          .definedBy(BOOTSTRAP)
          .layer("Sandbox")
          .definedBy(SANDBOX)
          .whereLayer("Bootstrap")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Sandbox")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("WhatsApp")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Telegram")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Genesys")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Persistence")
          .mayOnlyBeAccessedByLayers("RabbitMq", "Bootstrap")
          .whereLayer("RabbitMq")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Support")
          .mayOnlyBeAccessedByLayers(
              "WhatsApp", "Telegram", "Genesys", "Persistence", "RabbitMq", "Bootstrap")
          .whereLayer("Application")
          .mayOnlyBeAccessedByLayers(
              "WhatsApp", "Telegram", "Genesys", "Persistence", "RabbitMq", "Support", "Bootstrap")
          .whereLayer("Domain")
          .mayOnlyBeAccessedByLayers(
              "Application",
              "WhatsApp",
              "Telegram",
              "Genesys",
              "Persistence",
              "RabbitMq",
              "Support",
              "Bootstrap")
          .because("dependencies point inward only: adapters -> application -> domain");

  @ArchTest
  static final ArchRule every_class_belongs_to_a_layer =
      classes()
          .that()
          .resideInAPackage("dev.switchboard..")
          .should()
          .resideInAnyPackage(
              DOMAIN,
              APPLICATION,
              WHATSAPP,
              TELEGRAM,
              GENESYS,
              PERSISTENCE,
              RABBITMQ,
              SUPPORT,
              BOOTSTRAP,
              SANDBOX)
          .because("each class lives in one of the modules' packages");

  @ArchTest
  static final ArchRule only_the_launch_point_knows_the_sandbox =
      noClasses()
          .that()
          .resideOutsideOfPackage(SANDBOX)
          .and()
          .doNotHaveFullyQualifiedName(Application.class.getName())
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SANDBOX)
          .because(
              "the sandbox is switched on by --sandbox in Application.main and nowhere else:"
                  + " production code never depends on it");

  @ArchTest
  static final ArchRule the_sandbox_knows_the_bridge_only_from_outside =
      noClasses()
          .that()
          .resideInAPackage(SANDBOX)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DOMAIN, APPLICATION, "dev.switchboard.adapters..", BOOTSTRAP)
          .because(
              "the simulated Meta and Genesys know the bridge as the real ones do: by its"
                  + " webhooks and the settings they share with its operator");

  @ArchTest
  static final ArchRule core_is_framework_free =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.micronaut..",
              "jakarta..",
              "javax.inject..",
              "com.fasterxml.jackson..",
              "java.sql..",
              "javax.sql..",
              "org.slf4j..",
              "lombok..",
              "io.netty..")
          .because("domain and application are plain Java (DESIGN.md)");

  @ArchTest
  static final ArchRule domain_does_not_read_the_clock =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(LocalDate.class, "now")
          .orShould()
          .callMethod(OffsetDateTime.class, "now")
          .orShould()
          .callMethod(ZonedDateTime.class, "now")
          .because("time is an input: the domain takes instants, services take a Clock");

  @ArchTest
  static final ArchRule adapters_are_independent =
      slices()
          .matching("dev.switchboard.adapters.(*)..")
          .should()
          .notDependOnEachOther()
          .ignoreDependency(
              com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
              JavaClass.Predicates.resideInAPackage(SUPPORT))
          .ignoreDependency(
              JavaClass.Predicates.resideInAPackage(RABBITMQ),
              JavaClass.Predicates.resideInAPackage(PERSISTENCE))
          .because(
              "an adapter never knows another (what they share is adapters-support); bootstrap"
                  + " alone wires them. The one exception: the broker's messages are written in"
                  + " the stored forms of adapters-persistence (OutboxCodec, StoredSources), so"
                  + " that a dead-lettered message reads the same from either store");

  @ArchTest
  static final ArchRule support_knows_no_adapter =
      noClasses()
          .that()
          .resideInAPackage(SUPPORT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WHATSAPP, TELEGRAM, GENESYS, PERSISTENCE, RABBITMQ, BOOTSTRAP)
          .because("adapters-support serves every adapter and depends on none of them");

  @ArchTest
  static final ArchRule adapters_use_only_the_ports_and_their_values =
      noClasses()
          .that()
          .resideInAPackage("dev.switchboard.adapters..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.switchboard.application.service..", "dev.switchboard.application.usecase..")
          .because(
              "adapters drive the core through its ports (port.in) and implement its ports"
                  + " (port.out), with the values that cross them; bootstrap alone wires the"
                  + " services");

  @ArchTest
  static final ArchRule no_cycles_between_packages =
      slices()
          .matching("dev.switchboard.(**)")
          .should()
          .beFreeOfCycles()
          .because("a package cycle is a module boundary nobody drew");

  @ArchTest
  static final ArchRule inbound_ports_are_use_cases =
      classes()
          .that()
          .resideInAPackage("dev.switchboard.application.port.in..")
          .and()
          .areTopLevelClasses()
          .and()
          .areInterfaces()
          .should()
          .haveSimpleNameEndingWith("UseCase")
          .because("inbound ports are <Verb><Noun>UseCase");

  @ArchTest
  static final ArchRule use_case_inputs_are_command_records =
      classes()
          .that()
          .resideInAPackage("dev.switchboard.application.port.in..")
          .and()
          .areTopLevelClasses()
          .and()
          .areNotInterfaces()
          .should()
          .haveSimpleNameEndingWith("Command")
          .andShould()
          .beRecords()
          .because("each use case takes one <Verb><Noun>Command record");

  @ArchTest
  static final ArchRule use_cases_are_implemented_by_final_services =
      classes()
          .that()
          .implement(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "a use case",
                  (JavaClass c) ->
                      c.getPackageName().startsWith("dev.switchboard.application.port.in")
                          && c.getSimpleName().endsWith("UseCase")))
          .and()
          .resideInAPackage(APPLICATION)
          .should()
          .haveSimpleNameEndingWith("Service")
          .andShould()
          .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
          .because("services are <Verb><Noun>Service, final, wired by a factory");

  @ArchTest
  static final ArchRule outbound_ports_are_named_by_role =
      classes()
          .that()
          .resideInAPackage("dev.switchboard.application.port.out..")
          .and()
          .areInterfaces()
          .should()
          .haveSimpleNameNotEndingWith("Port")
          .because("outbound ports are named by role, without a Port suffix");
}
