package dev.switchboard.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.channel.TestChannels;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationTest {

  private static final CustomerId ALICE = CustomerId.phone("16505551234");
  private static final CustomerId BOB = CustomerId.phone("16505559876");
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final OutboundContent REPLY = new OutboundContent.Text("Happy to help");

  private static final ConversationKey ALICE_KEY = new ConversationKey(ConnectionId.DEFAULT, ALICE);
  private static final SendPolicy WHATSAPP =
      SendPolicy.of(TestChannels.WHATSAPP, TestChannels.WHATSAPP_LIKE);

  private final Conversation conversation = Conversation.begin(ALICE_KEY);

  private static InboundMessage message(
      CustomerId from, String wamid, String route, Instant sentAt) {
    return new InboundMessage(
        wamid,
        new Customer(from, "Alice"),
        route == null ? null : new ReplyRoute(route),
        sentAt,
        new InboundContent.Text("hi"));
  }

  @Test
  void a_new_conversation_knows_nothing_yet() {
    assertThat(conversation.customer()).isEqualTo(ALICE);
    assertThat(conversation.key()).isEqualTo(ALICE_KEY);
    assertThat(conversation.connection()).isEqualTo(ConnectionId.DEFAULT);
    assertThat(conversation.window()).isEqualTo(MessageWindow.neverOpened());
    assertThat(conversation.route()).isEmpty();
    assertThat(conversation.lastCustomerMessageId()).isEmpty();
  }

  @Test
  void a_customer_message_opens_the_window_at_its_time() {
    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0));

    assertThat(conversation.window().lastCustomerMessageAt()).isEqualTo(T0);
    assertThat(conversation.route()).contains(new ReplyRoute("PN1"));
    assertThat(conversation.lastCustomerMessageId()).contains("wamid.1");
  }

  @Test
  void a_newer_message_reopens_the_window_and_takes_over_route_and_last_message() {
    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0));
    Instant later = T0.plus(Duration.ofHours(30));

    conversation.customerWrote(message(ALICE, "wamid.2", "PN2", later));

    assertThat(conversation.window().lastCustomerMessageAt()).isEqualTo(later);
    assertThat(conversation.route()).contains(new ReplyRoute("PN2"));
    assertThat(conversation.lastCustomerMessageId()).contains("wamid.2");
  }

  @Test
  void a_late_older_message_changes_neither_window_nor_route_nor_last_message() {
    conversation.customerWrote(message(ALICE, "wamid.2", "PN2", T0));

    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0.minusSeconds(60)));

    assertThat(conversation.window().lastCustomerMessageAt()).isEqualTo(T0);
    assertThat(conversation.route()).contains(new ReplyRoute("PN2"));
    assertThat(conversation.lastCustomerMessageId()).contains("wamid.2");
  }

  @Test
  void of_two_messages_in_the_same_second_the_one_handled_last_is_the_latest() {
    // WhatsApp timestamps have one-second resolution: ties are common
    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0));

    conversation.customerWrote(message(ALICE, "wamid.2", "PN2", T0));

    assertThat(conversation.window().lastCustomerMessageAt()).isEqualTo(T0);
    assertThat(conversation.lastCustomerMessageId()).contains("wamid.2");
    assertThat(conversation.route()).contains(new ReplyRoute("PN2"));
  }

  @Test
  void a_message_without_route_keeps_the_known_one() {
    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0));

    conversation.customerWrote(message(ALICE, "wamid.2", null, T0.plusSeconds(5)));

    assertThat(conversation.route()).contains(new ReplyRoute("PN1"));
    assertThat(conversation.lastCustomerMessageId()).contains("wamid.2");
  }

  @Test
  void a_restored_conversation_without_last_message_takes_one_at_the_same_time() {
    Conversation restored =
        Conversation.restore(ALICE_KEY, MessageWindow.neverOpened().reopenedBy(T0), null, null);

    restored.customerWrote(message(ALICE, "wamid.1", "PN1", T0));

    assertThat(restored.lastCustomerMessageId()).contains("wamid.1");
    assertThat(restored.route()).contains(new ReplyRoute("PN1"));
  }

  @Test
  void rejects_another_customers_message() {
    assertThatThrownBy(() -> conversation.customerWrote(message(BOB, "wamid.9", "PN1", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("16505559876")
        .doesNotContain("16505551234");
    assertThat(conversation.window()).isEqualTo(MessageWindow.neverOpened());
    assertThat(conversation.lastCustomerMessageId()).isEmpty();
  }

  @Test
  void decide_asks_the_policy_with_the_conversations_window() {
    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0));
    SendPolicy policy = WHATSAPP;
    Instant inside = T0.plus(Duration.ofHours(23));
    Instant outside = T0.plus(Duration.ofHours(24));

    assertThat(conversation.decide(REPLY, inside, policy))
        .isEqualTo(policy.decide(conversation.window(), REPLY, inside))
        .isInstanceOf(SendDecision.SendFreeForm.class);
    assertThat(conversation.decide(REPLY, outside, policy))
        .isEqualTo(policy.decide(conversation.window(), REPLY, outside))
        .isEqualTo(new SendDecision.TemplateRequired(outside));
  }

  @Test
  void a_conversation_never_opened_requires_a_template() {
    assertThat(conversation.decide(REPLY, T0, WHATSAPP))
        .isEqualTo(new SendDecision.TemplateRequired(null));
  }

  @Test
  void an_opaque_customer_is_keyed_by_the_user_id() {
    ConversationKey key = new ConversationKey(ConnectionId.DEFAULT, CustomerId.opaque("US.123"));

    assertThat(Conversation.begin(key).key().value()).isEqualTo("default:US.123");
  }

  @Test
  void the_key_is_the_connection_and_the_customer() {
    assertThat(ALICE_KEY.value()).isEqualTo("default:+16505551234");
    assertThat(new ConversationKey(new ConnectionId("sales"), ALICE).value())
        .isEqualTo("sales:+16505551234");
  }

  @Test
  void the_same_customer_on_two_connections_has_two_conversations() {
    ConversationKey sales = new ConversationKey(new ConnectionId("sales"), ALICE);
    Conversation onSales = Conversation.begin(sales);

    conversation.customerWrote(message(ALICE, "wamid.1", "PN1", T0));

    assertThat(sales).isNotEqualTo(ALICE_KEY);
    assertThat(onSales.connection()).isEqualTo(new ConnectionId("sales"));
    assertThat(onSales.window()).isEqualTo(MessageWindow.neverOpened());
    assertThat(onSales.decide(REPLY, T0.plusSeconds(1), WHATSAPP))
        .isEqualTo(new SendDecision.TemplateRequired(null));
    assertThat(conversation.decide(REPLY, T0.plusSeconds(1), WHATSAPP))
        .isInstanceOf(SendDecision.SendFreeForm.class);
  }

  @Test
  void a_key_needs_its_connection_and_customer() {
    assertThatThrownBy(() -> new ConversationKey(null, ALICE))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ConversationKey(ConnectionId.DEFAULT, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void on_a_channel_without_window_a_conversation_never_opened_may_get_free_text() {
    SendPolicy telegram = SendPolicy.of(TestChannels.TELEGRAM, TestChannels.TELEGRAM_LIKE);

    assertThat(conversation.decide(REPLY, T0, telegram))
        .isInstanceOf(SendDecision.SendFreeForm.class);
  }
}
