package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.MessageKeys;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The V7 migration (connections) on a database the previous release wrote, checked through the
 * adapters of this release: everything the database held belongs to the {@code default} connection
 * afterwards, and the work that was pending goes on where it stood. On H2 and on PostgreSQL.
 */
class ConnectionsMigrationTest {

  private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  private static final CustomerId PHONE = CustomerId.phone("+16505551234");
  private static final ConnectionId DEFAULT = ConnectionId.DEFAULT;
  private static final ConversationKey KEY = new ConversationKey(DEFAULT, PHONE);
  private static final byte[] GENESYS_BODY =
      "{\"id\":\"g1\",\"type\":\"Text\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WHATSAPP_BODY =
      "{\"object\":\"not understood\"}".getBytes(StandardCharsets.UTF_8);

  // ---------------------------------------------------------------- as the previous release wrote

  private static final String RECIPIENT =
      "{\"@type\":\"CustomerId.Phone\",\"number\":{\"e164\":\"+16505551234\"}}";

  private static final String FORWARD =
      "{\"@type\":\"OutboxItem.ForwardToContactCenter\",\"message\":{\"channelMessageId\":"
          + "\"wamid.A\",\"sender\":{\"id\":"
          + RECIPIENT
          + ",\"displayName\":\"Ana\"},\"businessNumberId\":\"106540352242922\",\"sentAt\":"
          + "\"2026-03-01T09:00:00Z\",\"content\":{\"@type\":\"InboundContent.Text\",\"body\":"
          + "\"hello\"},\"metadata\":{}}}";

  private static final String REPORT =
      "{\"@type\":\"OutboxItem.ReportToContactCenter\",\"receipt\":{\"contactCenterMessageId\":"
          + "\"gen-0\",\"customer\":"
          + RECIPIENT
          + ",\"outcome\":\"DELIVERED\",\"reasons\":[],\"at\":\"2026-03-01T09:00:02Z\"}}";

  private static final String SEND =
      "{\"@type\":\"OutboxItem.SendToCustomer\",\"message\":{\"contactCenterMessageId\":"
          + "\"gen-1\",\"recipient\":"
          + RECIPIENT
          + ",\"content\":{\"@type\":\"OutboundContent.Text\",\"body\":\"Sure\"}},"
          + "\"businessNumberId\":\"106540352242922\",\"finalPart\":true}";

  private static final String TYPING =
      "{\"@type\":\"OutboxItem.ShowTyping\",\"customer\":"
          + RECIPIENT
          + ",\"businessNumberId\":\"106540352242922\",\"customerMessageId\":\"wamid.A\"}";

  private static final String HELD_REPORT =
      "{\"channelMessageId\":\"wamid.OUT2\",\"recipient\":"
          + RECIPIENT
          + ",\"status\":\"DELIVERED\",\"at\":\"2026-03-01T09:00:05Z\",\"failures\":[]}";

  private static final String OFFERED_REPLIES =
      "[{\"title\":\"Yes\",\"payload\":\"answer-yes\"},{\"title\":\"No\",\"payload\":\"answer-no\"}]";

  // ---------------------------------------------------------------- what they read as now

  private static final OutboxItem FORWARDED =
      new OutboxItem.ForwardToContactCenter(
          DEFAULT,
          new InboundMessage(
              "wamid.A", new Customer(PHONE, "Ana"), null, T, new InboundContent.Text("hello")));

  private static final OutboxItem REPORTED =
      new OutboxItem.ReportToContactCenter(
          DEFAULT, DeliveryReceipt.delivered("gen-0", PHONE, T.plusSeconds(2)));

  private static final OutboxItem SENT =
      new OutboxItem.SendToCustomer(
          DEFAULT,
          new OutboundMessage("gen-1", PHONE, new OutboundContent.Text("Sure")),
          null,
          true);

  private static final OutboxItem TYPED =
      new OutboxItem.ShowTyping(DEFAULT, PHONE, null, "wamid.A");

  private final MutableClock clock = new MutableClock(T.plusSeconds(60));

  @Test
  void what_the_previous_release_wrote_belongs_to_the_default_connection_on_h2() throws Exception {
    TestDatabases.onH2(this::upgrade);
  }

  @Test
  void what_the_previous_release_wrote_belongs_to_the_default_connection_on_postgres()
      throws Exception {
    TestDatabases.onPostgres(this::upgrade);
  }

  private void upgrade(
      FluentConfiguration flyway, String url, String user, Map<String, Object> properties)
      throws Exception {
    flyway.locations(TestDatabases.MIGRATIONS.split(",")).target("6").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      writeAsThePreviousRelease(connection);
    }

    flyway.target("latest").load().migrate();

    try (ApplicationContext context = TestDatabases.start(properties, clock)) {
      assertConversationsContactsAndDeliveries(context);
      assertProcessedMessages(context.getBean(ProcessedMessages.class));
      assertOutbox(context.getBean(Outbox.class));
      assertDeadLettersAndInbox(context);
    }
  }

  private static void writeAsThePreviousRelease(Connection connection) throws SQLException {
    update(
        connection,
        "INSERT INTO conversation (customer_kind, customer_value, last_customer_message_at,"
            + " business_number_id, last_customer_message_id)"
            + " VALUES ('phone', '+16505551234', ?, '106540352242922', 'wamid.A')",
        T);
    update(
        connection,
        "INSERT INTO contact (customer_kind, customer_value, display_name, updated_at)"
            + " VALUES ('phone', '+16505551234', 'Ana', ?)",
        T);
    update(
        connection,
        "INSERT INTO delivery (channel_message_id, contact_center_message_id, customer_kind,"
            + " customer_value, status, updated_at, offered_replies, final_part)"
            + " VALUES ('wamid.OUT1', 'gen-1', 'phone', '+16505551234', 'SENT', ?, '"
            + OFFERED_REPLIES
            + "', FALSE)",
        T);
    update(
        connection,
        "INSERT INTO held_status_report (channel_message_id, reported_at, report, held_at)"
            + " VALUES ('wamid.OUT2', ?, '"
            + HELD_REPORT
            + "', ?)",
        T.plusSeconds(5),
        T.plusSeconds(5));
    update(
        connection,
        "INSERT INTO processed_message (message_key, processed_at)"
            + " VALUES ('whatsapp:wamid.A', ?), ('genesys:g1', ?)",
        T,
        T);
    update(
        connection,
        "INSERT INTO outbox_lane (lane)"
            + " VALUES ('contact-center:+16505551234'), ('customer:+16505551234')");
    // in the order they were enqueued: the lanes interleave
    for (String[] entry :
        List.of(
            new String[] {"contact-center:+16505551234", FORWARD},
            new String[] {"customer:+16505551234", SEND},
            new String[] {"contact-center:+16505551234", REPORT},
            new String[] {"customer:+16505551234", TYPING})) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO outbox_entry (lane, item, enqueued_at, due_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, entry[0]);
        insert.setString(2, entry[1]);
        Jdbc.setInstant(insert, 3, T);
        Jdbc.setInstant(insert, 4, T);
        insert.executeUpdate();
      }
    }
    update(
        connection,
        "INSERT INTO dead_letter_outbox"
            + " (entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at)"
            + " VALUES (1, 'customer:+16505551234', '"
            + SEND
            + "', 5, ?, 'refused', ?)",
        T,
        T.plusSeconds(10));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO dead_letter_webhook (source, body, received_at, reason, dead_at)"
                + " VALUES ('WHATSAPP', ?, ?, 'not understood', ?)")) {
      insert.setBytes(1, WHATSAPP_BODY);
      Jdbc.setInstant(insert, 2, T);
      Jdbc.setInstant(insert, 3, T.plusSeconds(20));
      insert.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO inbox_event (source, body, received_at) VALUES ('GENESYS', ?, ?)")) {
      insert.setBytes(1, GENESYS_BODY);
      Jdbc.setInstant(insert, 2, T.plusSeconds(30));
      insert.executeUpdate();
    }
  }

  private static void assertConversationsContactsAndDeliveries(ApplicationContext context) {
    Transactions transactions = context.getBean(Transactions.class);
    Conversations conversations = context.getBean(Conversations.class);
    Deliveries deliveries = context.getBean(Deliveries.class);

    Conversation conversation = transactions.inTransaction(() -> conversations.lock(KEY));

    assertThat(conversation.window()).isEqualTo(new MessageWindow(T));
    assertThat(conversation.window().isOpenAt(T.plusSeconds(3600), Duration.ofHours(24)))
        .as("the window is kept")
        .isTrue();
    assertThat(conversation.lastCustomerMessageId()).contains("wamid.A");
    assertThat(conversation.route()).as("the business number is the connection's now").isEmpty();
    assertThat(context.getBean(ContactDirectory.class).find(DEFAULT, PHONE))
        .contains(new Customer(PHONE, "Ana"));
    Delivery delivery = deliveries.byChannelMessageId(DEFAULT, "wamid.OUT1").orElseThrow();
    assertThat(delivery.contactCenterMessageId()).isEqualTo("gen-1");
    assertThat(delivery.customer()).isEqualTo(PHONE);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(delivery.offeredReplies())
        .containsExactly(new QuickReply("Yes", "answer-yes"), new QuickReply("No", "answer-no"));
    assertThat(delivery.finalPart()).isFalse();
    assertThat(deliveries.byChannelMessageId(new ConnectionId("sales"), "wamid.OUT1")).isEmpty();
    assertThat(context.getBean(CustomerLinks.class).linkedWith(DEFAULT, List.of(PHONE)))
        .as("a customer of the previous release stays the participant the contact center knows")
        .containsExactly(PHONE);
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.OUT2"))
        .containsExactly(
            new StatusReport(
                "wamid.OUT2", PHONE, DeliveryStatus.DELIVERED, T.plusSeconds(5), List.of()));
  }

  private static void assertProcessedMessages(ProcessedMessages processed) {
    String customerMessage =
        MessageKeys.customerMessage(new ChannelId("whatsapp"), DEFAULT, "wamid.A");
    String agentMessage = MessageKeys.agentMessage(DEFAULT, "g1");

    assertThat(customerMessage).isEqualTo("whatsapp:default:wamid.A");
    assertThat(processed.firstTime(customerMessage)).as("a redelivered wamid").isFalse();
    assertThat(processed.firstTime(agentMessage)).as("a redelivered agent message").isFalse();
    assertThat(processed.firstTime("whatsapp:default:wamid.B")).isTrue();
  }

  private void assertOutbox(Outbox outbox) {
    String toContactCenter = Lanes.toContactCenter(KEY);
    String toCustomer = Lanes.toCustomer(KEY);
    assertThat(toContactCenter).isEqualTo("contact-center:default:+16505551234");
    // enqueued after the upgrade: behind what the previous release left in the same lane
    outbox.enqueue(toCustomer, SENT);

    List<OutboxEntry> heads = outbox.claimDue(clock.instant(), 10);
    assertThat(heads)
        .extracting(OutboxEntry::lane, OutboxEntry::item)
        .containsExactly(tuple(toContactCenter, FORWARDED), tuple(toCustomer, SENT));
    heads.forEach(head -> outbox.complete(head.id()));

    List<OutboxEntry> next = outbox.claimDue(clock.instant(), 10);
    assertThat(next)
        .extracting(OutboxEntry::lane, OutboxEntry::item)
        .containsExactly(tuple(toContactCenter, REPORTED), tuple(toCustomer, TYPED));
    next.forEach(entry -> outbox.complete(entry.id()));

    assertThat(outbox.claimDue(clock.instant(), 10))
        .extracting(OutboxEntry::lane, OutboxEntry::item)
        .containsExactly(tuple(toCustomer, SENT));
  }

  private static void assertDeadLettersAndInbox(ApplicationContext context) {
    List<DeadLetter> letters = context.getBean(DeadLetters.class).list(10, null);

    assertThat(letters).hasSize(2);
    DeadLetter outbox = letters.get(0);
    assertThat(outbox.entry().lane()).isEqualTo(Lanes.toCustomer(KEY));
    assertThat(outbox.entry().item()).isEqualTo(SENT);
    assertThat(outbox.connection()).isEqualTo(DEFAULT);
    DeadLetter webhook = letters.get(1);
    assertThat(webhook.webhook().source()).isEqualTo(WebhookSource.of("whatsapp"));
    assertThat(webhook.webhook().body()).isEqualTo(WHATSAPP_BODY);

    List<InboxEvent> waiting = context.getBean(PolledInbox.class).oldest(10);
    assertThat(waiting).hasSize(1);
    assertThat(waiting.get(0).webhook().source()).isEqualTo(WebhookSource.of("genesys", DEFAULT));
    assertThat(waiting.get(0).webhook().source().value()).isEqualTo("genesys/default");
    assertThat(waiting.get(0).webhook().body()).isEqualTo(GENESYS_BODY);
    assertThat(waiting.get(0).webhook().receivedAt()).isEqualTo(T.plusSeconds(30));
  }

  private static void update(Connection connection, String sql, Instant... instants)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < instants.length; i++) {
        Jdbc.setInstant(statement, i + 1, instants[i]);
      }
      statement.executeUpdate();
    }
  }
}
