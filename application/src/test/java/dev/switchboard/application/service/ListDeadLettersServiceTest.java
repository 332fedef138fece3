package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.port.in.ListDeadLettersCommand;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListDeadLettersServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(clock);
  private final ListDeadLettersService service = new ListDeadLettersService(deadLetters);

  private RawWebhook webhook(String body) {
    return new RawWebhook(
        TestData.WHATSAPP, body.getBytes(StandardCharsets.UTF_8), clock.instant());
  }

  private List<DeadLetter> list(int limit, String after) {
    return service.list(new ListDeadLettersCommand(limit, after));
  }

  @Test
  void lists_webhooks_and_outbox_entries_oldest_first_with_their_reasons_and_times() {
    RawWebhook webhook = webhook("{");
    deadLetters.addWebhook(webhook, "not JSON");
    clock.advance(Duration.ofMinutes(1));
    OutboxEntry entry =
        new OutboxEntry(
            7,
            Lanes.toContactCenter(key(ALICE)),
            new OutboxItem.ReportToContactCenter(
                DEFAULT, DeliveryReceipt.delivered("gen-1", ALICE, clock.instant())),
            3,
            clock.instant());
    deadLetters.addOutboxEntry(entry, "refused: 400");

    List<DeadLetter> page = list(10, null);

    assertThat(page).hasSize(2);
    assertThat(page.get(0).webhook()).isSameAs(webhook);
    assertThat(page.get(0).reason()).isEqualTo("not JSON");
    assertThat(page.get(0).at()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
    assertThat(page.get(1).entry()).isEqualTo(entry);
    assertThat(page.get(1).reason()).isEqualTo("refused: 400");
    assertThat(page.get(1).at()).isEqualTo(clock.instant());
  }

  @Test
  void pages_through_them_by_the_last_id_seen() {
    for (int i = 1; i <= 5; i++) {
      deadLetters.addWebhook(webhook("w" + i), "reason " + i);
    }

    List<DeadLetter> first = list(2, null);
    List<DeadLetter> second = list(2, first.get(1).id());
    List<DeadLetter> third = list(2, second.get(1).id());

    assertThat(first).extracting(DeadLetter::reason).containsExactly("reason 1", "reason 2");
    assertThat(second).extracting(DeadLetter::reason).containsExactly("reason 3", "reason 4");
    assertThat(third).extracting(DeadLetter::reason).containsExactly("reason 5");
    assertThat(list(2, third.get(0).id())).isEmpty();
  }

  @Test
  void no_dead_letters_is_an_empty_page() {
    assertThat(list(500, null)).isEmpty();
  }

  @Test
  void a_page_holds_1_to_500_dead_letters() {
    assertThatThrownBy(() -> new ListDeadLettersCommand(0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ListDeadLettersCommand(501, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ListDeadLettersCommand(500, null).limit()).isEqualTo(500);
  }
}
