package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.PhoneNumber;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhatsAppWebhookDecoderTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final String BUSINESS_NUMBER = TestAccounts.DEFAULT_NUMBER;
  private static final WebhookSource SOURCE = WebhookSource.of("whatsapp");
  private static final String BSUID = "US.13491208655302741918";

  private final WhatsAppWebhookDecoder decoder =
      new WhatsAppWebhookDecoder(JSON, TestAccounts.both());

  @Test
  void decodes_whatsapp_webhooks() {
    assertThat(decoder.source()).isEqualTo("whatsapp");
  }

  @Test
  void a_text_message_becomes_a_customer_message() {
    Decoded decoded = decode("text_message.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).hasSize(1);
    InboundMessage message = customerMessage(decoded.events().get(0));
    assertThat(message.channelMessageId())
        .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    assertThat(message.sender().id()).isEqualTo(CustomerId.phone("+16505551234"));
    assertThat(message.sender().id().value()).isEqualTo("+16505551234");
    assertThat(message.sender().displayName()).isEqualTo("Sheena Nelson");
    assertThat(decoded.events().get(0).connection()).isEqualTo(ConnectionId.DEFAULT);
    assertThat(message.route()).isEqualTo(new ReplyRoute("16505551234"));
    assertThat(((ChannelEvent.CustomerMessage) decoded.events().get(0)).otherIds()).isEmpty();
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
    assertThat(message.content())
        .isEqualTo(
            new InboundContent.Text(
                "Does it come in another color? \u00e4\u00f6\u00e5 @ \ud83d\udc4d 50% off"
                    + " <b>a/b</b>"));
  }

  @Test
  void a_sender_known_only_by_user_id_is_opaque_and_named_from_the_matching_contact() {
    Decoded decoded = decode("user_id_only.json");

    assertThat(decoded.problems()).isEmpty();
    InboundMessage message = customerMessage(single(decoded));
    assertThat(message.sender().id()).isEqualTo(CustomerId.opaque(BSUID));
    assertThat(message.sender().displayName()).isEqualTo("Username Only");
    assertThat(message.content()).isEqualTo(new InboundContent.Text("no number given"));
  }

  // ---------------------------------------------------------------- who wrote

  @Test
  void
      the_user_id_comes_from_from_user_id_else_the_contact_with_the_same_wa_id_else_the_only_one() {
    Decoded decoded = decode("customer_ids.json");

    assertThat(decoded.problems()).isEmpty();
    List<ChannelEvent.CustomerMessage> messages =
        decoded.events().stream().map(ChannelEvent.CustomerMessage.class::cast).toList();
    CustomerId phone = CustomerId.phone("16505551234");
    CustomerId userId = CustomerId.opaque("US.48291037562910384756");
    assertThat(messages)
        .extracting(ChannelEvent.CustomerMessage::customer, ChannelEvent.CustomerMessage::otherIds)
        .containsExactly(
            tuple(phone, List.of(userId)),
            tuple(phone, List.of(userId)),
            tuple(CustomerId.opaque("US.77120938475610293847"), List.of()));
    assertThat(messages)
        .extracting(m -> m.message().route())
        .containsExactly(new ReplyRoute("16505551234"), new ReplyRoute("16505551234"), null);
    assertThat(messages.get(2).message().sender().displayName()).isEqualTo("Quiet");
  }

  @Test
  void the_senders_number_is_relayed_and_a_mexican_legacy_number_reaches_genesys_without_its_1() {
    Decoded decoded = decode("unusual_numbers.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events())
        .extracting(e -> customerMessage(e).sender().id(), e -> customerMessage(e).route())
        .containsExactly(
            tuple(CustomerId.phone("+526681855146"), new ReplyRoute("5216681855146")),
            tuple(
                new CustomerId.Phone(new PhoneNumber("+1650555123456")),
                new ReplyRoute("1650555123456")));
  }

  @Test
  void a_changed_number_or_user_id_names_the_new_one_beside_the_old_and_the_route_follows_it() {
    Decoded decoded = decode("changed_ids.json");

    assertThat(decoded.problems()).isEmpty();
    ChannelEvent.CustomerMessage number = (ChannelEvent.CustomerMessage) decoded.events().get(0);
    assertThat(number.customer()).isEqualTo(CustomerId.phone("16505551234"));
    assertThat(number.otherIds())
        .containsExactly(
            CustomerId.phone("16505559999"), CustomerId.opaque("US.11112222333344445555"));
    assertThat(number.message().route()).isEqualTo(new ReplyRoute("16505559999"));
    assertThat(number.message().content())
        .isEqualTo(
            new InboundContent.Text(
                "[WhatsApp notice] User Sheena Nelson changed from 16505551234 to 16505559999"));
    ChannelEvent.CustomerMessage userId = (ChannelEvent.CustomerMessage) decoded.events().get(1);
    assertThat(userId.customer()).isEqualTo(CustomerId.opaque("US.48291037562910384756"));
    assertThat(userId.otherIds()).containsExactly(CustomerId.opaque("US.66667777888899990000"));
    assertThat(userId.message().route()).isNull();
  }

  @Test
  void messages_and_statuses_of_groups_are_ignored_without_a_problem() {
    Decoded decoded = decode("group_items.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events())
        .extracting(WhatsAppWebhookDecoderTest::channelId)
        .containsExactly("wamid.ONE1");
  }

  @Test
  void every_item_of_every_entry_and_change_is_decoded_in_document_order() {
    Decoded decoded = decode("batch.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).hasSize(5);
    List<InboundMessage> messages =
        decoded.events().subList(0, 4).stream().map(this::customerMessage).toList();
    assertThat(messages)
        .extracting(
            InboundMessage::channelMessageId,
            m -> m.sender().id().value(),
            m -> m.sender().displayName(),
            InboundMessage::content)
        .containsExactly(
            tuple("wamid.A0", "+4915112345678", "A", new InboundContent.Text("a0")),
            tuple("wamid.A1", "+4915112345678", "A", new InboundContent.Text("a1")),
            tuple("wamid.B0", "+5511987654321", "B", new InboundContent.Text("b0")),
            tuple("wamid.A2", "+4915112345678", "A", new InboundContent.Text("a2")));
    StatusReport status = statusReport(decoded.events().get(4));
    assertThat(status.channelMessageId()).isEqualTo("wamid.OUT1");
    assertThat(status.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(status.recipient().value()).isEqualTo("+4915112345678");
  }

  @Test
  void changes_for_two_numbers_give_events_on_the_connections_that_serve_them() {
    Decoded decoded = decode("batch.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events())
        .extracting(WhatsAppWebhookDecoderTest::channelId, ChannelEvent::connection)
        .containsExactly(
            tuple("wamid.A0", ConnectionId.DEFAULT),
            tuple("wamid.A1", ConnectionId.DEFAULT),
            tuple("wamid.B0", TestAccounts.SECOND),
            tuple("wamid.A2", ConnectionId.DEFAULT),
            tuple("wamid.OUT1", ConnectionId.DEFAULT));
    assertThat(decoded.events())
        .filteredOn(ChannelEvent.CustomerMessage.class::isInstance)
        .allSatisfy(
            e ->
                assertThat(customerMessage(e).route().value())
                    .isEqualTo(customerMessage(e).sender().id().value().substring(1)));
  }

  @Test
  void a_change_for_a_number_no_connection_serves_is_a_problem_naming_it_and_the_rest_decodes() {
    WhatsAppWebhookDecoder defaultOnly =
        new WhatsAppWebhookDecoder(JSON, TestAccounts.defaultOnly());

    Decoded decoded = defaultOnly.decode(SOURCE, Fixtures.whatsapp("batch.json"));

    assertThat(decoded.events())
        .extracting(WhatsAppWebhookDecoderTest::channelId, ChannelEvent::connection)
        .containsExactly(
            tuple("wamid.A0", ConnectionId.DEFAULT),
            tuple("wamid.A1", ConnectionId.DEFAULT),
            tuple("wamid.A2", ConnectionId.DEFAULT),
            tuple("wamid.OUT1", ConnectionId.DEFAULT));
    assertThat(decoded.problems())
        .singleElement()
        .asString()
        .contains("entry[0].changes[2]")
        .contains(TestAccounts.SECOND_NUMBER)
        .doesNotContain("5511987654321");
  }

  @Test
  void a_change_without_a_business_number_is_a_problem_and_gives_no_events() {
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
            + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
            + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.N\","
            + "\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}";

    Decoded decoded = decoder.decode(SOURCE, bytes(body));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).singleElement().asString().contains("phone_number_id");
  }

  @Test
  void statuses_are_reported_on_the_connection_of_their_number() {
    String body =
        envelope(
                "\"statuses\":[{\"id\":\"wamid.X\",\"status\":\"read\","
                    + "\"timestamp\":\"1749416503\",\"recipient_id\":\"16505551234\"}]")
            .replace(BUSINESS_NUMBER, TestAccounts.SECOND_NUMBER);

    ChannelEvent event = single(decoder.decode(SOURCE, bytes(body)));

    assertThat(event.connection()).isEqualTo(TestAccounts.SECOND);
    assertThat(statusReport(event).status()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void a_sent_status_becomes_a_report_addressed_by_phone_when_both_ids_are_given() {
    StatusReport status = statusReport(single(decode("status_sent.json")));

    assertThat(status.channelMessageId())
        .isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
    assertThat(status.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(status.recipient()).isEqualTo(CustomerId.phone("16505551234"));
    assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1749416500));
    assertThat(status.failures()).isEmpty();
  }

  @Test
  void a_delivered_status_becomes_delivered() {
    StatusReport status = statusReport(single(decode("status_delivered.json")));

    assertThat(status.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1749416501));
    assertThat(status.failures()).isEmpty();
  }

  @Test
  void a_read_status_becomes_read() {
    StatusReport status = statusReport(single(decode("status_read.json")));

    assertThat(status.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1749416502));
  }

  @Test
  void a_failed_status_carries_its_errors_mapped_by_code() {
    StatusReport status = statusReport(single(decode("status_failed.json")));

    assertThat(status.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(status.recipient()).isEqualTo(CustomerId.phone("16505551234"));
    assertThat(status.failures()).hasSize(1);
    DeliveryFailure failure = status.failures().get(0);
    assertThat(failure.reason()).isEqualTo(FailureReason.MESSAGE_EXPIRED);
    assertThat(failure.message())
        .contains("Re-engagement message")
        .contains("more than 24 hours have passed")
        .contains("131047");
  }

  @Test
  void a_failed_status_for_a_user_id_is_addressed_to_the_opaque_customer() {
    StatusReport status = statusReport(single(decode("status_failed_user_id.json")));

    assertThat(status.recipient()).isEqualTo(CustomerId.opaque(BSUID));
    assertThat(status.failures())
        .extracting(DeliveryFailure::reason)
        .containsExactly(FailureReason.INVALID_DESTINATION, FailureReason.RATE_LIMITED);
    assertThat(status.failures().get(0).message()).contains("Message Undeliverable.");
  }

  @Test
  void a_failed_status_without_errors_still_gives_a_reason() {
    String body =
        envelope(
            "\"statuses\":[{\"id\":\"wamid.X\",\"status\":\"failed\",\"timestamp\":\"1749416503\","
                + "\"recipient_id\":\"16505551234\"}]");

    StatusReport status = statusReport(single(decoder.decode(SOURCE, bytes(body))));

    assertThat(status.failures())
        .extracting(DeliveryFailure::reason)
        .containsExactly(FailureReason.GENERAL_ERROR);
  }

  @Test
  void played_counts_as_read_and_statuses_without_delivery_meaning_are_ignored() {
    Decoded decoded = decode("status_other.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).hasSize(1);
    StatusReport played = statusReport(decoded.events().get(0));
    assertThat(played.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(played.at()).isEqualTo(Instant.ofEpochSecond(1749416505));
  }

  @Test
  void media_become_media_content_and_types_the_bridge_does_not_know_a_readable_note() {
    Decoded decoded = decode("unknown_types.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events())
        .map(e -> customerMessage(e).content())
        .containsExactly(
            new InboundContent.Media(
                MediaKind.STICKER, "1013859600285441", "image/webp", null, null, null),
            new InboundContent.Media(
                MediaKind.IMAGE, "1003383421387256", "image/jpeg", null, null, "the blue one"),
            new InboundContent.Text(
                "[The customer sent a hologram message, which cannot be shown here]"),
            new InboundContent.Text(
                "[The customer sent a message that WhatsApp does not support, so it cannot be"
                    + " shown here]"),
            new InboundContent.Text(
                "[The customer sent a message of a kind that cannot be shown here]"));
  }

  @Test
  void unknown_fields_at_every_level_are_ignored() {
    Decoded decoded = decode("unknown_fields.json");

    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).hasSize(2);
    InboundMessage message = customerMessage(decoded.events().get(0));
    assertThat(message.channelMessageId()).isEqualTo("wamid.UNKNOWNFIELDS");
    assertThat(message.sender().id()).isEqualTo(CustomerId.phone("16505551234"));
    assertThat(message.sender().displayName()).isEqualTo("Sheena Nelson");
    assertThat(message.content()).isEqualTo(new InboundContent.Text("hello"));
    assertThat(message.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "forwarded", "true",
                "replyTo", "wamid.EARLIER",
                "referral.sourceUrl", "https://example.com",
                "referral.ctwaClid", "x"));
    StatusReport status = statusReport(decoded.events().get(1));
    assertThat(status.channelMessageId()).isEqualTo("wamid.STATUSUNKNOWN");
    assertThat(status.status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void another_object_than_a_whatsapp_business_account_is_a_problem() {
    Decoded decoded = decode("not_whatsapp.json");

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).singleElement().asString().contains("'page'");
  }

  @Test
  void malformed_items_become_problems_and_the_good_ones_around_them_still_decode() {
    Decoded decoded = decode("malformed_mixed.json");

    assertThat(decoded.events())
        .extracting(WhatsAppWebhookDecoderTest::channelId)
        .containsExactly("wamid.GOOD1", "wamid.GOOD2", "wamid.GOODSTATUS");
    assertThat(customerMessage(decoded.events().get(0)).sender().displayName())
        .isEqualTo("Sheena Nelson");
    assertThat(decoded.problems())
        .hasSize(15)
        .anySatisfy(p -> assertThat(p).contains("entry[0] is not an object"))
        .anySatisfy(p -> assertThat(p).contains("entry[1].changes is not an array"))
        .anySatisfy(p -> assertThat(p).contains("entry[2].changes[0].value"))
        .anySatisfy(p -> assertThat(p).contains("messages[1]").contains("without an id"))
        .anySatisfy(p -> assertThat(p).contains("wamid.BADTS").contains("timestamp"))
        .anySatisfy(p -> assertThat(p).contains("wamid.NOSENDER").contains("without a sender"))
        .anySatisfy(p -> assertThat(p).contains("wamid.BADPHONE").contains("not a phone number"))
        .anySatisfy(p -> assertThat(p).contains("wamid.NOBODY").contains("without text.body"))
        .anySatisfy(p -> assertThat(p).contains("messages[6]").contains("wrong shape"))
        .anySatisfy(p -> assertThat(p).contains("messages[7] is not an object"))
        .anySatisfy(p -> assertThat(p).contains("wamid.NOTS").contains("no timestamp"))
        .anySatisfy(p -> assertThat(p).contains("wamid.NORECIPIENT").contains("recipient"))
        .anySatisfy(p -> assertThat(p).contains("statuses[1]").contains("without an id"))
        .anySatisfy(p -> assertThat(p).contains("wamid.NOSTATUS").contains("without a status"))
        .anySatisfy(p -> assertThat(p).contains("statuses[4] is not an object"));
  }

  @Test
  void problems_never_quote_message_text_or_phone_numbers() {
    String problems = String.join("\n", decode("malformed_mixed.json").problems());

    assertThat(problems).doesNotContain("private words").doesNotContain("16505551234");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{not json", "[]", "null", "\"a string\"", "42", "{}"})
  void a_body_that_is_no_webhook_object_is_unusable(String body) {
    Decoded decoded = decoder.decode(SOURCE, bytes(body));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).hasSize(1);
  }

  @Test
  void bytes_that_are_not_even_text_are_unusable() {
    Decoded decoded = decoder.decode(SOURCE, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).hasSize(1);
  }

  @Test
  void absurdly_deep_nesting_is_unusable_rather_than_a_crash() {
    String deep =
        "{\"object\":\"whatsapp_business_account\",\"x\":"
            + "[".repeat(100_000)
            + "]".repeat(100_000)
            + "}";

    Decoded decoded = decoder.decode(SOURCE, bytes(deep));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).hasSize(1);
  }

  @Test
  void an_envelope_without_items_decodes_to_nothing() {
    Decoded decoded = decoder.decode(SOURCE, bytes("{\"object\":\"whatsapp_business_account\"}"));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).isEmpty();
  }

  @Test
  void a_message_with_only_a_type_is_a_problem() {
    Decoded decoded = decoder.decode(SOURCE, bytes(envelope("\"messages\":[{\"type\":\"text\"}]")));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).singleElement().asString().contains("messages[0]");
  }

  @Test
  void a_numeric_timestamp_is_read_like_a_string_one() {
    String body =
        envelope(
            "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.N\",\"timestamp\":1749416383,"
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]");

    InboundMessage message = customerMessage(single(decoder.decode(SOURCE, bytes(body))));

    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
  }

  @Test
  void with_several_contacts_and_none_matching_the_sender_has_no_name() {
    String body =
        envelope(
            "\"contacts\":[{\"profile\":{\"name\":\"X\"},\"wa_id\":\"111\"},"
                + "{\"profile\":{\"name\":\"Y\"},\"wa_id\":\"222\"}],"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.N\","
                + "\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]");

    InboundMessage message = customerMessage(single(decoder.decode(SOURCE, bytes(body))));

    assertThat(message.sender().displayName()).isNull();
  }

  @Test
  void changes_of_other_fields_are_ignored_without_a_problem() {
    String body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
            + "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\"}},"
            + "{\"field\":\"account_alerts\",\"value\":\"odd\"}]}]}";

    Decoded decoded = decoder.decode(SOURCE, bytes(body));

    assertThat(decoded.events()).isEmpty();
    assertThat(decoded.problems()).isEmpty();
  }

  private Decoded decode(String fixture) {
    return decoder.decode(SOURCE, Fixtures.whatsapp(fixture));
  }

  private static String envelope(String valueFields) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
        + "{\"phone_number_id\":\""
        + BUSINESS_NUMBER
        + "\"},"
        + valueFields
        + "}}]}]}";
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static ChannelEvent single(Decoded decoded) {
    assertThat(decoded.problems()).isEmpty();
    assertThat(decoded.events()).hasSize(1);
    return decoded.events().get(0);
  }

  private InboundMessage customerMessage(ChannelEvent event) {
    assertThat(event).isInstanceOf(ChannelEvent.CustomerMessage.class);
    return ((ChannelEvent.CustomerMessage) event).message();
  }

  private static StatusReport statusReport(ChannelEvent event) {
    assertThat(event).isInstanceOf(ChannelEvent.StatusReported.class);
    return ((ChannelEvent.StatusReported) event).report();
  }

  private static String channelId(ChannelEvent event) {
    if (event instanceof ChannelEvent.CustomerMessage message) {
      return message.message().channelMessageId();
    }
    return ((ChannelEvent.StatusReported) event).report().channelMessageId();
  }
}
