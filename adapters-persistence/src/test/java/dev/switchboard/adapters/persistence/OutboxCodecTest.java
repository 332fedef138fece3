package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboxCodecTest {

  private final OutboxCodec codec = new OutboxCodec();

  @Test
  void every_kind_of_outbox_item_comes_back_as_it_was_written() {
    for (OutboxItem item : Samples.items()) {
      assertThat(codec.readItem(codec.write(item))).isEqualTo(item);
    }
  }

  @Test
  void an_item_written_again_at_once_is_not_written_twice() {
    OutboxItem item = Samples.items().get(0);
    OutboxItem other = Samples.items().get(1);

    String json = codec.write(item);

    assertThat(codec.write(item)).isSameAs(json);
    assertThat(codec.write(other)).isNotEqualTo(json);
    assertThat(codec.write(item)).isEqualTo(json).isNotSameAs(json);
    assertThat(codec.readItem(json)).isEqualTo(item);
  }

  @Test
  void a_status_report_comes_back_as_it_was_written() {
    StatusReport failed = Samples.report("wamid.A", DeliveryStatus.FAILED, Samples.AT);

    assertThat(codec.readReport(codec.write(failed))).isEqualTo(failed);
  }

  @Test
  void every_kind_of_channel_event_comes_back_as_it_was_written() {
    for (ChannelEvent event : Samples.events()) {
      assertThat(codec.readEvent(codec.write(event))).isEqualTo(event);
    }
  }

  @Test
  void the_samples_round_trip_every_variant_of_every_sealed_type_in_the_events() {
    Set<Class<?>> used = new HashSet<>();
    Samples.events().forEach(event -> collectRecordTypes(event, used));

    assertThat(used).containsAll(concreteVariantsReachableFrom(ChannelEvent.class));
  }

  @Test
  void an_event_is_written_with_its_variant_first_and_read_leniently() throws Exception {
    ChannelEvent typing = new ChannelEvent.AgentTyping(Samples.SALES, Samples.OPAQUE, Samples.AT);

    String json = codec.write(typing);

    assertThat(json).startsWith("{\"@type\":\"ChannelEvent.AgentTyping\"");
    assertThat(new ObjectMapper().readTree(json))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"@type": "ChannelEvent.AgentTyping",
                     "connection": {"value": "sales"},
                     "customer": {"@type": "CustomerId.Opaque", "userId": "US.13491208655302741918"},
                     "occurredAt": "2026-03-01T10:15:30.123456789Z"}
                    """));
    assertThat(codec.readEvent(json.replace("{\"@type\"", "{\"later\":1,\"@type\"")))
        .isEqualTo(typing);
  }

  @Test
  void what_is_no_channel_event_is_refused() {
    for (String json :
        List.of("null", "{}", "[1]", "{\"@type\":\"ChannelEvent.Gone\"}", "not json")) {
      assertThatThrownBy(() -> codec.readEvent(json))
          .as(json)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void every_permitted_subclass_of_every_sealed_type_in_the_items_is_registered() {
    Set<Class<?>> variants =
        concreteVariantsReachableFrom(OutboxItem.class, StatusReport.class, ChannelEvent.class);

    assertThat(variants)
        .as("the walk found the known variants")
        .contains(
            OutboxItem.SendToCustomer.class,
            dev.switchboard.domain.customer.CustomerId.Phone.class,
            dev.switchboard.domain.message.InboundContent.Text.class,
            dev.switchboard.domain.message.OutboundContent.Text.class,
            OutboxItem.AnswerToContactCenter.class,
            OutboxItem.ShowTyping.class,
            OutboxItem.Acknowledge.class,
            dev.switchboard.domain.message.InboundContent.Media.class,
            dev.switchboard.domain.message.InboundContent.ReplyTap.class,
            OutboundContent.Media.class,
            OutboundContent.QuickReplies.class,
            OutboundContent.Template.class,
            OutboundContent.Sequence.class,
            OutboundContent.Card.class,
            OutboundContent.Unsupported.class,
            ChannelEvent.CustomerMessage.class,
            ChannelEvent.StatusReported.class,
            ChannelEvent.AgentMessage.class,
            ChannelEvent.AgentTyping.class);
    assertThat(codec.typeIds().keySet()).containsExactlyInAnyOrderElementsOf(variants);
  }

  @Test
  void the_samples_round_trip_every_variant_of_every_sealed_type() {
    Set<Class<?>> used = new HashSet<>();
    Samples.items().forEach(item -> collectRecordTypes(item, used));

    assertThat(used)
        .as("a variant with no sample in Samples.items() is never round-tripped: add one")
        .containsAll(concreteVariantsReachableFrom(OutboxItem.class));
  }

  @Test
  void the_stored_form_names_variants_and_keeps_only_record_components() throws Exception {
    OutboxItem item = Samples.items().get(4);

    JsonNode written = new ObjectMapper().readTree(codec.write(item));

    assertThat(written)
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"@type": "OutboxItem.SendToCustomer",
                     "connection": {"value": "default"},
                     "message": {
                       "contactCenterMessageId": "gen-3",
                       "recipient": {"@type": "CustomerId.Phone", "number": {"e164": "+16505551234"}},
                       "content": {"@type": "OutboundContent.Text", "body": "Sure, what is the number?"}
                     },
                     "route": {"value": "chat:-1001234567890"},
                     "finalPart": true,
                     "part": 0}
                    """));
  }

  @Test
  void a_sequence_names_the_variant_of_each_of_its_parts_and_keeps_their_order() throws Exception {
    OutboxItem.SendToCustomer item = (OutboxItem.SendToCustomer) sample("gen-7");

    JsonNode parts =
        new ObjectMapper()
            .readTree(codec.write(item))
            .path("message")
            .path("content")
            .path("parts");

    assertThat(parts)
        .extracting(part -> part.path("@type").asText())
        .containsExactly("OutboundContent.Text", "OutboundContent.Media", "OutboundContent.Media");
    assertThat(parts.get(2).path("filename").asText()).isEqualTo("Factura nº 7.pdf");
    assertThat(parts.get(2).has("channelMediaId"))
        .as("uploads are the channel's business")
        .isFalse();
    assertThat(codec.readItem(codec.write(item))).isEqualTo(item);
    OutboundContent.Sequence read =
        (OutboundContent.Sequence)
            ((OutboxItem.SendToCustomer) codec.readItem(codec.write(item))).message().content();
    assertThat(read.parts().get(1)).isInstanceOf(OutboundContent.Media.class).isEqualTo(pdf());
  }

  @Test
  void a_template_header_is_read_back_as_media() {
    OutboxItem item = sample("gen-8");

    OutboundContent.Template template =
        (OutboundContent.Template)
            ((OutboxItem.SendToCustomer) codec.readItem(codec.write(item))).message().content();

    assertThat(template.header()).isNotNull();
    assertThat(template.header().mimeType()).isEqualTo("image/png");
    assertThat(template.bodyParameters()).containsExactly("Ana", "#1234");
  }

  @Test
  void a_template_written_before_templates_had_header_text_and_buttons_reads_with_none() {
    String stored =
        """
        {"@type": "OutboxItem.SendToCustomer",
         "connection": {"value": "default"},
         "message": {
           "contactCenterMessageId": "gen-old",
           "recipient": {"@type": "CustomerId.Phone", "number": {"e164": "+16505551234"}},
           "content": {"@type": "OutboundContent.Template", "namespace": "ns",
                       "name": "order_update", "language": "en_US", "bodyParameters": ["42"],
                       "header": null}
         },
         "finalPart": true}
        """;

    OutboundContent.Template template =
        (OutboundContent.Template)
            ((OutboxItem.SendToCustomer) codec.readItem(stored)).message().content();

    assertThat(template.bodyParameters()).containsExactly("42");
    assertThat(template.headerParameters()).isEmpty();
    assertThat(template.buttons()).isEmpty();
  }

  @Test
  void a_templates_header_text_and_buttons_come_back_in_order() {
    OutboundContent.Template template =
        (OutboundContent.Template)
            ((OutboxItem.SendToCustomer) codec.readItem(codec.write(sample("gen-13"))))
                .message()
                .content();

    assertThat(template.headerParameters()).containsExactly("Ana");
    assertThat(template.buttons())
        .extracting(OutboundContent.TemplateButton::value)
        .containsExactly("A-1009", "stop");
  }

  @Test
  void quick_replies_offered_before_cards_had_buttons_read_as_quick_replies() {
    List<QuickReply> read = codec.readReplies("[{\"title\": \"Yes\", \"payload\": \"Y\"}]");

    assertThat(read).containsExactly(new QuickReply("Yes", "Y"));
    assertThat(read.get(0).button()).isFalse();
    assertThat(codec.readReplies(codec.writeReplies(List.of(QuickReply.postback("Go", "go")))))
        .containsExactly(QuickReply.postback("Go", "go"));
  }

  @Test
  void an_inbound_message_keeps_its_metadata_and_reads_as_none_when_written_without() {
    OutboxItem.ForwardToContactCenter withMetadata =
        (OutboxItem.ForwardToContactCenter) codec.readItem(codec.write(Samples.items().get(6)));
    OutboxItem.ForwardToContactCenter older =
        (OutboxItem.ForwardToContactCenter)
            codec.readItem(
                """
                {"@type": "OutboxItem.ForwardToContactCenter", "message": {
                  "channelMessageId": "wamid.1", "sentAt": "2026-03-01T10:00:00Z",
                  "sender": {"id": {"@type": "CustomerId.Opaque", "userId": "US.1"}},
                  "content": {"@type": "InboundContent.Text", "body": "hi"}}}
                """);

    assertThat(withMetadata.message().metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("referral.headline", "Spring sale", "referral.source_type", "ad"));
    assertThat(older.message().metadata()).isEmpty();
  }

  @Test
  void a_send_written_before_messages_had_parts_reads_as_the_final_part() {
    String older =
        """
        {"@type": "OutboxItem.SendToCustomer",
         "message": {"contactCenterMessageId": "gen-3",
           "recipient": {"@type": "CustomerId.Opaque", "userId": "US.1"},
           "content": {"@type": "OutboundContent.Text", "body": "hi"}},
         "businessNumberId": null}
        """;

    assertThat(((OutboxItem.SendToCustomer) codec.readItem(older)).finalPart()).isTrue();
    assertThat(
            ((OutboxItem.SendToCustomer)
                    codec.readItem(
                        older.replace(
                            "\"businessNumberId\"", "\"finalPart\": false, \"businessNumberId\"")))
                .finalPart())
        .isFalse();
  }

  @Test
  void a_send_written_before_sends_knew_their_place_reads_as_a_first_part() {
    String older =
        """
        {"@type": "OutboxItem.SendToCustomer", "connection": {"value": "sales"},
         "message": {"contactCenterMessageId": "gen-3",
           "recipient": {"@type": "CustomerId.Opaque", "userId": "US.1"},
           "content": {"@type": "OutboundContent.Text", "body": "hi"}},
         "route": null, "finalPart": false}
        """;

    OutboxItem.SendToCustomer send = (OutboxItem.SendToCustomer) codec.readItem(older);

    assertThat(send.part()).isZero();
    assertThat(send.finalPart()).isFalse();
  }

  // ---------------------------------------------------------------- connections

  private static final CustomerId PHONE = CustomerId.phone("+16505551234");
  private static final Instant SENT_AT = Instant.parse("2026-03-01T10:00:00Z");

  /** A customer's message as the previous release wrote it: with the business number it came to. */
  private static final String LEGACY_MESSAGE =
      """
      {"channelMessageId": "wamid.A",
       "sender": {"id": {"@type": "CustomerId.Phone", "number": {"e164": "+16505551234"}},
                  "displayName": "Ana"},
       "businessNumberId": "106540352242922",
       "sentAt": "2026-03-01T10:00:00Z",
       "content": {"@type": "InboundContent.Text", "body": "hi"},
       "metadata": {}}
      """;

  @Test
  void items_written_before_there_were_connections_read_as_the_default_connections() {
    String recipient =
        "{\"@type\": \"CustomerId.Phone\", \"number\": {\"e164\": \"+16505551234\"}}";
    InboundMessage message =
        new InboundMessage("wamid.A", new Customer(PHONE, "Ana"), null, SENT_AT, text("hi"));
    Map<String, OutboxItem> legacy =
        Map.of(
            """
            {"@type": "OutboxItem.ForwardToContactCenter", "message": %s}
            """
                .formatted(LEGACY_MESSAGE),
            new OutboxItem.ForwardToContactCenter(ConnectionId.DEFAULT, message),
            """
            {"@type": "OutboxItem.SendToCustomer",
             "message": {"contactCenterMessageId": "gen-1", "recipient": %s,
               "content": {"@type": "OutboundContent.Text", "body": "hello"}},
             "businessNumberId": "106540352242922", "finalPart": false}
            """
                .formatted(recipient),
            new OutboxItem.SendToCustomer(
                ConnectionId.DEFAULT,
                new OutboundMessage("gen-1", PHONE, new OutboundContent.Text("hello")),
                null,
                false),
            """
            {"@type": "OutboxItem.ShowTyping", "customer": %s,
             "businessNumberId": "106540352242922", "customerMessageId": "wamid.A"}
            """
                .formatted(recipient),
            new OutboxItem.ShowTyping(ConnectionId.DEFAULT, PHONE, null, "wamid.A"),
            """
            {"@type": "OutboxItem.ReportToContactCenter", "receipt": {"contactCenterMessageId":
              "gen-1", "customer": %s, "outcome": "DELIVERED", "reasons": [],
              "at": "2026-03-01T10:00:00Z"}}
            """
                .formatted(recipient),
            new OutboxItem.ReportToContactCenter(
                ConnectionId.DEFAULT, DeliveryReceipt.delivered("gen-1", PHONE, SENT_AT)),
            """
            {"@type": "OutboxItem.AnswerToContactCenter", "choice": {"contactCenterMessageId":
              "gen-1", "customer": {"id": %s, "displayName": null},
              "reply": {"title": "Yes", "payload": "answer-yes"},
              "channelMessageId": "wamid.T", "at": "2026-03-01T10:00:00Z"}}
            """
                .formatted(recipient),
            new OutboxItem.AnswerToContactCenter(
                ConnectionId.DEFAULT,
                new ReplyChoice(
                    "gen-1",
                    new Customer(PHONE, null),
                    new QuickReply("Yes", "answer-yes"),
                    "wamid.T",
                    SENT_AT)));

    legacy.forEach(
        (json, expected) -> assertThat(codec.readItem(json)).as(json).isEqualTo(expected));
  }

  @Test
  void events_written_before_there_were_connections_read_as_the_default_connections() {
    String customerMessage =
        """
        {"@type": "ChannelEvent.CustomerMessage", "message": %s}
        """
            .formatted(LEGACY_MESSAGE);
    String typing =
        """
        {"@type": "ChannelEvent.AgentTyping",
         "customer": {"@type": "CustomerId.Opaque", "userId": "US.1"},
         "occurredAt": "2026-03-01T10:00:00Z"}
        """;
    ChannelEvent.CustomerMessage expectedMessage =
        new ChannelEvent.CustomerMessage(
            ConnectionId.DEFAULT,
            new InboundMessage("wamid.A", new Customer(PHONE, "Ana"), null, SENT_AT, text("hi")));
    ChannelEvent.AgentTyping expectedTyping =
        new ChannelEvent.AgentTyping(ConnectionId.DEFAULT, CustomerId.opaque("US.1"), SENT_AT);

    assertThat(codec.readEvent(customerMessage)).isEqualTo(expectedMessage);
    assertThat(codec.readEvents("[" + customerMessage + "," + typing + "]"))
        .containsExactly(expectedMessage, expectedTyping);
  }

  @Test
  void a_customer_message_written_before_customers_had_other_ids_reads_with_none() {
    String written =
        """
        {"@type": "ChannelEvent.CustomerMessage", "connection": {"value": "sales"},
         "message": %s, "acknowledgement": "callback-1"}
        """
            .formatted(LEGACY_MESSAGE);

    ChannelEvent read = codec.readEvent(written);

    assertThat(read)
        .isEqualTo(
            new ChannelEvent.CustomerMessage(
                new ConnectionId("sales"),
                new InboundMessage(
                    "wamid.A", new Customer(PHONE, "Ana"), null, SENT_AT, text("hi")),
                "callback-1"));
    assertThat(((ChannelEvent.CustomerMessage) read).otherIds()).isEmpty();
  }

  @Test
  void items_and_events_keep_their_connection_and_route() throws Exception {
    ConnectionId sales = new ConnectionId("sales");
    ReplyRoute route = new ReplyRoute("chat:42");
    OutboxItem send =
        new OutboxItem.SendToCustomer(
            sales, new OutboundMessage("gen-1", PHONE, new OutboundContent.Text("x")), route, true);
    OutboxItem acknowledge = new OutboxItem.Acknowledge(sales, "callback-1");
    ChannelEvent event =
        new ChannelEvent.CustomerMessage(
            sales,
            new InboundMessage(
                "m1", new Customer(PHONE, "Ana", "@ana"), route, SENT_AT, text("hi")),
            "callback-2");

    assertThat(codec.readItem(codec.write(send))).isEqualTo(send);
    assertThat(codec.readItem(codec.write(acknowledge))).isEqualTo(acknowledge);
    assertThat(codec.readEvent(codec.write(event))).isEqualTo(event);
    assertThat(codec.readEvents(codec.writeEvents(List.of(event)))).containsExactly(event);
    JsonNode written = new ObjectMapper().readTree(codec.write(acknowledge));
    assertThat(written)
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"@type": "OutboxItem.Acknowledge", "connection": {"value": "sales"},
                     "token": "callback-1"}
                    """));
  }

  @Test
  void an_unreadable_connection_is_refused_rather_than_read_as_the_default() {
    for (String connection : List.of("{\"value\": \"Not Valid\"}", "null")) {
      String json =
          """
          {"@type": "OutboxItem.Acknowledge", "connection": %s, "token": "t"}
          """
              .formatted(connection);

      assertThatThrownBy(() -> codec.readItem(json))
          .as(json)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static InboundContent.Text text(String body) {
    return new InboundContent.Text(body);
  }

  @Test
  void offered_quick_replies_come_back_in_order_and_none_are_an_empty_array() {
    String json = codec.writeReplies(Samples.REPLIES);

    assertThat(codec.readReplies(json)).containsExactlyElementsOf(Samples.REPLIES);
    assertThat(codec.writeReplies(List.of())).isEqualTo("[]");
    assertThat(codec.readReplies("[]")).isEmpty();
    assertThat(codec.readReplies(null)).isEmpty();
    assertThatThrownBy(() -> codec.readReplies("[{\"title\": \"\"}]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static OutboxItem sample(String contactCenterMessageId) {
    return Samples.items().stream()
        .filter(item -> item instanceof OutboxItem.SendToCustomer)
        .filter(
            item ->
                ((OutboxItem.SendToCustomer) item)
                    .message()
                    .contactCenterMessageId()
                    .equals(contactCenterMessageId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void times_keep_their_nanoseconds_as_iso_8601() {
    String json = codec.write(Samples.items().get(0));

    assertThat(json).contains("\"sentAt\":\"2026-03-01T10:15:30.123456789Z\"");
  }

  @Test
  void properties_it_does_not_know_are_ignored() {
    OutboxItem item =
        codec.readItem(
            """
            {"@type": "OutboxItem.SendToCustomer", "addedLater": [1, 2],
             "message": {"contactCenterMessageId": "gen-3", "priority": "high",
               "recipient": {"@type": "CustomerId.Opaque", "userId": "US.1", "x": null},
               "content": {"@type": "OutboundContent.Text", "body": "hi", "template": false}},
             "businessNumberId": null}
            """);

    assertThat(item)
        .isEqualTo(
            new OutboxItem.SendToCustomer(
                ConnectionId.DEFAULT,
                new dev.switchboard.domain.message.OutboundMessage(
                    "gen-3",
                    dev.switchboard.domain.customer.CustomerId.opaque("US.1"),
                    new dev.switchboard.domain.message.OutboundContent.Text("hi")),
                null,
                true));
  }

  @Test
  void a_variant_it_does_not_know_is_refused() {
    assertThatThrownBy(
            () ->
                codec.readItem(
                    """
                    {"@type": "OutboxItem.ForwardToContactCenter", "message": {
                      "channelMessageId": "wamid.1", "sentAt": "2026-03-01T10:00:00Z",
                      "sender": {"id": {"@type": "CustomerId.Opaque", "userId": "US.1"}},
                      "content": {"@type": "InboundContent.Sticker", "id": "s"}}}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InboundContent.Sticker");
  }

  @Test
  void nested_sealed_types_reached_through_lists_and_sub_interfaces_are_registered_without_code() {
    OutboxCodec shapes = new OutboxCodec(List.of(Drawing.class));
    Drawing drawing =
        new Drawing(
            List.of(new Circle(1.5), new Triangle(3, 4, 5), new Square(2)), new Label.Plain("x"));

    assertThat(shapes.typeIds().keySet())
        .containsExactlyInAnyOrder(
            Circle.class, Triangle.class, Square.class, Label.Plain.class, Label.Bold.class);
    assertThat(shapes.read(shapes.write(drawing, Drawing.class), Drawing.class)).isEqualTo(drawing);
  }

  sealed interface Shape permits Circle, Polygon {}

  record Circle(double radius) implements Shape {}

  sealed interface Polygon extends Shape permits Triangle, Square {}

  record Triangle(double a, double b, double c) implements Polygon {}

  record Square(double side) implements Polygon {}

  sealed interface Label permits Label.Plain, Label.Bold {
    record Plain(String text) implements Label {}

    record Bold(String text) implements Label {}
  }

  record Drawing(List<Shape> shapes, Label label) {}

  /** The concrete permitted subclasses of the sealed types reachable from {@code roots}. */
  private static Set<Class<?>> concreteVariantsReachableFrom(Class<?>... roots) {
    Set<Class<?>> variants = new LinkedHashSet<>();
    Set<Type> seen = new HashSet<>();
    for (Class<?> root : roots) {
      walk(root, seen, variants);
    }
    return variants;
  }

  private static void walk(Type type, Set<Type> seen, Set<Class<?>> variants) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      for (Type argument : parameterized.getActualTypeArguments()) {
        walk(argument, seen, variants);
      }
      return;
    }
    if (!(type instanceof Class<?> raw)) {
      return;
    }
    if (raw.isSealed()) {
      for (Class<?> variant : raw.getPermittedSubclasses()) {
        if (!variant.isInterface() && !Modifier.isAbstract(variant.getModifiers())) {
          variants.add(variant);
        }
        walk(variant, seen, variants);
      }
    }
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        walk(component.getGenericType(), seen, variants);
      }
    }
  }

  /** The record classes in an object graph. */
  private static void collectRecordTypes(Object value, Set<Class<?>> into) {
    if (value instanceof Collection<?> values) {
      values.forEach(element -> collectRecordTypes(element, into));
      return;
    }
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    into.add(value.getClass());
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      try {
        collectRecordTypes(component.getAccessor().invoke(value), into);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
