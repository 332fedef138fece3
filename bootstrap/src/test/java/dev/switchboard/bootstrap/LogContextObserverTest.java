package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextObserverTest {

  private final LogContextObserver observer = new LogContextObserver();

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void the_work_names_its_connection_and_message_until_it_ends() {
    try (PipelineObserver.Work work = observer.working(new ConnectionId("sales"), "wamid.1")) {
      assertThat(MDC.get("connection")).isEqualTo("sales");
      assertThat(MDC.get("message")).isEqualTo("wamid.1");
    }
    assertThat(MDC.get("connection")).isNull();
    assertThat(MDC.get("message")).isNull();
  }

  @Test
  void work_inside_other_work_gives_the_outer_context_back() {
    try (PipelineObserver.Work outer = observer.working(new ConnectionId("sales"), "wamid.1")) {
      try (PipelineObserver.Work inner = observer.working(new ConnectionId("support"), null)) {
        assertThat(MDC.get("connection")).isEqualTo("support");
        assertThat(MDC.get("message")).as("work without a message names none").isNull();
      }
      assertThat(MDC.get("connection")).isEqualTo("sales");
      assertThat(MDC.get("message")).isEqualTo("wamid.1");
    }
  }

  @Test
  void every_observer_starts_the_work_and_ends_it_in_the_reverse_order() {
    List<String> told = new ArrayList<>();
    PipelineObserver first = recording("first", told);
    PipelineObserver failing =
        new PipelineObserver() {
          @Override
          public Work working(ConnectionId connection, String messageId) {
            throw new IllegalStateException("broken observer");
          }
        };
    PipelineObserver second = recording("second", told);
    try (PipelineObserver.Work work =
        new PipelineObservers(List.of(first, failing, second))
            .working(new ConnectionId("sales"), "wamid.1")) {
      told.add("working");
    }
    assertThat(told)
        .containsExactly("first starts", "second starts", "working", "second ends", "first ends");
  }

  private static PipelineObserver recording(String name, List<String> told) {
    return new PipelineObserver() {
      @Override
      public Work working(ConnectionId connection, String messageId) {
        told.add(name + " starts");
        return () -> told.add(name + " ends");
      }
    };
  }
}
