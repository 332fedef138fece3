package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static dev.switchboard.application.usecase.Core.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contact center's report on a customer's message the bridge forwarded. */
class RecordForwardReportTest {

  private final Core core = Core.whatsApp();

  private ChannelEvent.ForwardReported failed(String... ids) {
    return new ChannelEvent.ForwardReported(
        DEFAULT,
        ALICE,
        List.of(ids),
        new ChannelEvent.ForwardReported.Failure("DataFiltered", "filtered by a data rule"),
        core.t0.plusSeconds(1));
  }

  private ChannelEvent.ForwardReported delivered(String id) {
    return new ChannelEvent.ForwardReported(
        DEFAULT, ALICE, List.of(id), null, core.t0.plusSeconds(1));
  }

  @Test
  void a_forwarded_message_is_kept_until_its_report() {
    ChannelEvent.CustomerMessage hello = customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi");

    core.apply(hello);

    assertThat(core.kept.kept())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.lane()).isEqualTo(Lanes.toContactCenter(key(DEFAULT, ALICE)));
              assertThat(entry.item())
                  .isEqualTo(new OutboxItem.ForwardToContactCenter(DEFAULT, hello.message()));
            });
  }

  @Test
  void a_failure_report_sets_the_kept_message_aside_to_be_replayed_and_counts_it() {
    ChannelEvent.CustomerMessage hello = customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi");
    core.apply(hello);

    core.apply(failed("wamid.1", "genesys-id-1"));

    List<InMemoryDeadLetters.OutboxLetter> letters = core.deadLetters.outboxEntries();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).entry().item())
        .as("what a replay enqueues: the customer's message on its way to the agent again")
        .isEqualTo(new OutboxItem.ForwardToContactCenter(DEFAULT, hello.message()));
    assertThat(letters.get(0).entry().lane()).isEqualTo(Lanes.toContactCenter(key(DEFAULT, ALICE)));
    assertThat(letters.get(0).reason()).contains("DataFiltered").contains("data rule");
    assertThat(core.meters.told())
        .as("counted and traced as failed, then dead-lettered")
        .containsSubsequence("failed wamid.1 DataFiltered", "dead_letter wamid.1");
    assertThat(core.kept.kept()).as("no longer kept twice").isEmpty();
  }

  @Test
  void a_report_found_under_the_contact_centers_own_id_counts_too() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));

    core.apply(failed("not-ours", "wamid.1"));

    assertThat(core.deadLetters.outboxEntries()).hasSize(1);
  }

  @Test
  void a_delivery_report_lets_the_kept_copy_go_and_sets_nothing_aside() {
    core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));

    core.apply(delivered("wamid.1"));
    core.apply(failed("wamid.1"));

    assertThat(core.kept.kept()).isEmpty();
    assertThat(core.deadLetters.outboxEntries())
        .as("a failure after the delivery finds nothing kept")
        .isEmpty();
    assertThat(core.meters.told()).noneMatch(told -> told.startsWith("failed "));
  }

  @Test
  void a_report_for_a_message_the_bridge_does_not_keep_changes_nothing() {
    core.apply(failed("wamid.unknown"));

    assertThat(core.deadLetters.outboxEntries()).isEmpty();
    assertThat(core.meters.told()).noneMatch(told -> told.startsWith("failed "));
    assertThat(core.outbox.items()).isEmpty();
  }

  @Test
  void a_redelivered_customer_message_is_kept_once() {
    core.apply(
        customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"),
        customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));

    assertThat(core.kept.kept()).hasSize(1);
  }
}
