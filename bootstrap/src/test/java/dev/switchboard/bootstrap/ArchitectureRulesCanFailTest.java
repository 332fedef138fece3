package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.switchboard.domain.archfixture.ReadsTheClock;
import org.junit.jupiter.api.Test;

/** The rules are only worth something if they catch a violation. */
class ArchitectureRulesCanFailTest {

  @Test
  void the_clock_rule_reports_a_domain_class_that_reads_the_clock() {
    JavaClasses offending = new ClassFileImporter().importClasses(ReadsTheClock.class);

    var result = ArchitectureTest.domain_does_not_read_the_clock.evaluate(offending);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("Instant.now()");
  }

  @Test
  void the_framework_rule_reports_a_core_class_that_uses_micronaut() {
    JavaClasses offending =
        new ClassFileImporter()
            .importClasses(dev.switchboard.domain.archfixture.UsesMicronaut.class);

    var result = ArchitectureTest.core_is_framework_free.evaluate(offending);

    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void the_ports_rule_reports_an_adapter_that_calls_a_service() {
    JavaClasses offending =
        new ClassFileImporter()
            .importClasses(dev.switchboard.adapters.archfixture.CallsAServiceDirectly.class);

    var result = ArchitectureTest.adapters_use_only_the_ports_and_their_values.evaluate(offending);

    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void the_cycle_rule_reports_two_packages_that_need_each_other() {
    JavaClasses offending =
        new ClassFileImporter()
            .importClasses(
                dev.switchboard.archfixture.cycle.a.First.class,
                dev.switchboard.archfixture.cycle.b.Second.class);

    var result = ArchitectureTest.no_cycles_between_packages.evaluate(offending);

    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void the_sandbox_rule_reports_a_class_other_than_the_launch_point_that_uses_it() {
    JavaClasses offending =
        new ClassFileImporter()
            .importClasses(dev.switchboard.adapters.archfixture.StartsTheSandbox.class);

    var result = ArchitectureTest.only_the_launch_point_knows_the_sandbox.evaluate(offending);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("Sandbox");
  }
}
