package dev.switchboard.application.usecase;

import static dev.switchboard.application.usecase.Core.ALICE;
import static dev.switchboard.application.usecase.Core.BOB;
import static dev.switchboard.application.usecase.Core.DEFAULT;
import static dev.switchboard.application.usecase.Core.customerWrote;
import static dev.switchboard.application.usecase.Core.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.testing.CapturedLog;
import dev.switchboard.domain.customer.AllowedCustomers;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ForwardCustomerMessageTest {

  @Nested
  class AllowedCustomersOnly {

    private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
    private final Core core =
        new Core(
            channel,
            new Connection(
                DEFAULT, channel.channel(), AllowedCustomers.of(List.of("+16505551234"))));

    @Test
    void a_listed_customer_is_forwarded() {
      ChannelEvent.CustomerMessage hello = customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi");

      core.apply(hello);

      assertThat(core.forwarded()).containsExactly(hello.message());
      assertThat(core.meters.customersRefused(DEFAULT)).isZero();
    }

    @Test
    void a_customer_not_listed_is_refused_and_leaves_no_trace_but_the_count() {
      core.apply(customerWrote(DEFAULT, BOB, "wamid.9", core.t0, "let me in"));

      assertThat(core.outbox.items()).isEmpty();
      assertThat(core.conversations.find(key(DEFAULT, BOB))).isEmpty();
      assertThat(core.conversations.size()).isZero();
      assertThat(core.contacts.find(DEFAULT, BOB)).isEmpty();
      assertThat(core.processed.keys()).isEmpty();
      assertThat(core.links.size()).isZero();
      assertThat(core.meters.customersRefused(DEFAULT)).isEqualTo(1);
    }

    @Test
    void a_customer_listed_under_any_of_their_ids_is_admitted() {
      CustomerId userId = CustomerId.opaque("US.48291037562910384756");
      ChannelEvent.CustomerMessage named =
          new ChannelEvent.CustomerMessage(
              DEFAULT,
              Core.text(new Customer(userId, "Alice"), "wamid.2", core.t0, "both"),
              null,
              List.of(ALICE));
      ChannelEvent.CustomerMessage hidden =
          customerWrote(DEFAULT, userId, "wamid.3", core.t0.plusSeconds(1), "number hidden");

      core.apply(named, hidden);

      assertThat(core.forwarded()).extracting(m -> m.sender().id()).containsExactly(userId, userId);
      assertThat(core.meters.customersRefused(DEFAULT)).isZero();
    }

    @Test
    void each_refused_message_is_counted_once_on_its_connection() {
      core.apply(
          customerWrote(DEFAULT, BOB, "wamid.9", core.t0, "let me in"),
          customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"),
          customerWrote(DEFAULT, BOB, "wamid.10", core.t0.plusSeconds(1), "please"));

      assertThat(core.meters.customersRefused(DEFAULT)).isEqualTo(2);
      assertThat(core.meters.customersRefused()).isEqualTo(2);
      assertThat(core.forwarded()).extracting(m -> m.sender().id()).containsExactly(ALICE);
    }

    @Test
    void the_refusal_is_logged_without_the_customers_number() {
      try (CapturedLog log = CapturedLog.of(ForwardCustomerMessage.class)) {
        core.apply(customerWrote(DEFAULT, BOB, "wamid.9", core.t0, "let me in"));

        assertThat(log.entries())
            .singleElement()
            .satisfies(
                entry -> {
                  assertThat(entry.level()).isEqualTo(Level.INFO);
                  assertThat(entry.message())
                      .contains("default")
                      .contains("9876")
                      .doesNotContain("16505559876")
                      .doesNotContain("6505559876")
                      .doesNotContain("let me in");
                });
      }
    }

    @Test
    void a_refused_customers_acknowledgement_is_not_queued_either() {
      core.apply(
          new ChannelEvent.CustomerMessage(
              DEFAULT,
              Core.text(new Customer(BOB, "Bob"), "wamid.9", core.t0, "tap"),
              "callback-9"));

      assertThat(core.outbox.items()).isEmpty();
    }
  }

  @Nested
  class ByHandle {

    private final RecordingMessagingChannel telegram = RecordingMessagingChannel.telegramLike();
    private final Core core =
        new Core(
            telegram,
            new Connection(
                DEFAULT, telegram.channel(), AllowedCustomers.of(List.of("@ada_l", "424242002"))));

    private ChannelEvent.CustomerMessage from(CustomerId id, String handle, String messageId) {
      return new ChannelEvent.CustomerMessage(
          DEFAULT, Core.text(new Customer(id, "Ada", handle), messageId, core.t0, "hi"));
    }

    @Test
    void a_customer_is_admitted_by_their_handle_or_their_user_id() {
      core.apply(
          from(CustomerId.opaque("424242001"), "Ada_L", "1:1"),
          from(CustomerId.opaque("424242002"), null, "2:1"),
          from(CustomerId.opaque("424242003"), "someone", "3:1"));

      assertThat(core.forwarded())
          .extracting(m -> m.sender().id().value())
          .containsExactly("424242001", "424242002");
      assertThat(core.meters.customersRefused(DEFAULT)).isEqualTo(1);
    }

    @Test
    void the_handle_goes_on_with_the_message_and_a_known_name_fills_in_a_missing_one() {
      CustomerId ada = CustomerId.opaque("424242001");
      core.apply(from(ada, "ada_l", "1:1"));
      core.apply(
          new ChannelEvent.CustomerMessage(
              DEFAULT,
              Core.text(new Customer(ada, null, "ada_l"), "1:2", core.t0.plusSeconds(1), "me")));

      assertThat(core.forwarded())
          .extracting(m -> m.sender())
          .containsExactly(new Customer(ada, "Ada", "ada_l"), new Customer(ada, "Ada", "ada_l"));
    }
  }

  @Nested
  class OneCustomerOneParticipant {

    private static final CustomerId USER_ID = CustomerId.opaque("US.48291037562910384756");
    private final Core core = Core.whatsApp();

    private ChannelEvent.CustomerMessage wrote(
        CustomerId from, List<CustomerId> others, String id, int second) {
      return new ChannelEvent.CustomerMessage(
          DEFAULT,
          Core.text(new Customer(from, "Alice"), id, core.t0.plusSeconds(second), id),
          null,
          others);
    }

    @Test
    void a_message_under_the_user_id_alone_reaches_the_contact_center_from_the_number_used_first() {
      core.apply(
          wrote(ALICE, List.of(USER_ID), "wamid.1", 0), wrote(USER_ID, List.of(), "wamid.2", 1));

      assertThat(core.forwarded()).extracting(m -> m.sender().id()).containsExactly(ALICE, ALICE);
      assertThat(core.outbox.itemsIn(Lanes.toContactCenter(key(DEFAULT, ALICE)))).hasSize(2);
      assertThat(core.conversations.find(key(DEFAULT, USER_ID))).isEmpty();
      assertThat(core.conversations.find(key(DEFAULT, ALICE)))
          .hasValueSatisfying(
              conversation -> assertThat(conversation.lastCustomerMessageId()).contains("wamid.2"));
    }

    @Test
    void the_user_id_used_first_stays_the_participant_once_the_number_is_known() {
      core.apply(
          wrote(USER_ID, List.of(), "wamid.1", 0),
          wrote(ALICE, List.of(USER_ID), "wamid.2", 1),
          wrote(ALICE, List.of(), "wamid.3", 2));

      assertThat(core.forwarded())
          .extracting(m -> m.sender().id())
          .containsExactly(USER_ID, USER_ID, USER_ID);
    }

    @Test
    void a_new_number_reaches_the_contact_center_under_the_old_one() {
      CustomerId newNumber = CustomerId.phone("+16505559999");
      core.apply(
          wrote(ALICE, List.of(), "wamid.1", 0),
          wrote(ALICE, List.of(newNumber), "wamid.2", 1),
          wrote(newNumber, List.of(), "wamid.3", 2));

      assertThat(core.forwarded())
          .extracting(m -> m.sender().id())
          .containsExactly(ALICE, ALICE, ALICE);
    }
  }

  @Nested
  class Acknowledgements {

    private final Core core = Core.whatsApp();

    private ChannelEvent.CustomerMessage tapWith(String token) {
      return new ChannelEvent.CustomerMessage(
          DEFAULT, Core.text(new Customer(ALICE, "Alice"), "wamid.1", core.t0, "hi"), token);
    }

    @Test
    void an_acknowledgement_is_queued_after_the_forward_in_the_same_lane() {
      ChannelEvent.CustomerMessage tap = tapWith("callback-1");

      core.apply(tap);

      assertThat(core.outbox.itemsIn(Lanes.toContactCenter(key(DEFAULT, ALICE))))
          .containsExactly(
              new OutboxItem.ForwardToContactCenter(DEFAULT, tap.message()),
              new OutboxItem.Acknowledge(DEFAULT, "callback-1"));
      assertThat(core.outbox.items()).hasSize(2);
    }

    @Test
    void a_message_without_a_token_queues_no_acknowledgement() {
      core.apply(customerWrote(DEFAULT, ALICE, "wamid.1", core.t0, "hi"));

      assertThat(core.outbox.items(OutboxItem.Acknowledge.class)).isEmpty();
    }

    @Test
    void a_redelivered_message_is_not_acknowledged_again() {
      core.apply(tapWith("callback-1"), tapWith("callback-1"));

      assertThat(core.outbox.items(OutboxItem.Acknowledge.class)).hasSize(1);
      assertThat(core.forwarded()).hasSize(1);
    }
  }
}
