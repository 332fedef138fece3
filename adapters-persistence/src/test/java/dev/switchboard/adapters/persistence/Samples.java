package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Domain values for the tests, covering every variant of the sealed types. */
final class Samples {

  static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  static final CustomerId PHONE = CustomerId.phone("16505551234");
  static final CustomerId OPAQUE = CustomerId.opaque("US.13491208655302741918");

  static final ConnectionId DEFAULT = ConnectionId.DEFAULT;
  static final ConnectionId SALES = new ConnectionId("sales");
  static final ReplyRoute ROUTE = new ReplyRoute("chat:-1001234567890");

  private Samples() {}

  static InboundMessage inbound(String wamid, CustomerId sender, String name, Instant sentAt) {
    return inbound(wamid, sender, name, sentAt, null);
  }

  /** A customer's message that gives the route to answer them by ({@code null}: none). */
  static InboundMessage inbound(
      String wamid, CustomerId sender, String name, Instant sentAt, ReplyRoute route) {
    return new InboundMessage(
        wamid,
        new Customer(sender, name),
        route,
        sentAt,
        new InboundContent.Text("Hello, I need help with my order ✓"));
  }

  static OutboundMessage outbound(String id, CustomerId recipient) {
    return new OutboundMessage(
        id, recipient, new OutboundContent.Text("Sure, what is the number?"));
  }

  static OutboundMessage outbound(String id, CustomerId recipient, String text) {
    return new OutboundMessage(id, recipient, new OutboundContent.Text(text));
  }

  static StatusReport report(String wamid, DeliveryStatus status, Instant at) {
    List<DeliveryFailure> failures =
        status == DeliveryStatus.FAILED
            ? List.of(new DeliveryFailure(FailureReason.RECIPIENT_OPTED_OUT, "opted out"))
            : List.of();
    return new StatusReport(wamid, PHONE, status, at, failures);
  }

  static final List<QuickReply> REPLIES =
      List.of(new QuickReply("Yes", "answer-yes"), new QuickReply("No, thanks", "answer-no"));

  static OutboundContent.Media pdf() {
    return new OutboundContent.Media(
        MediaKind.DOCUMENT,
        "https://api-downloads.mypurecloud.com/files/invoice.pdf",
        "application/pdf",
        "Factura nº 7.pdf",
        "Your invoice");
  }

  /** One item of every kind, between them using every variant of every sealed type. */
  static List<OutboxItem> items() {
    return List.of(
        new OutboxItem.ForwardToContactCenter(DEFAULT, inbound("wamid.HBgL1", PHONE, "Ana", AT)),
        new OutboxItem.ForwardToContactCenter(SALES, inbound("wamid.HBgL2", OPAQUE, null, AT)),
        new OutboxItem.ReportToContactCenter(
            DEFAULT, DeliveryReceipt.delivered("gen-1", PHONE, AT)),
        new OutboxItem.ReportToContactCenter(
            SALES,
            DeliveryReceipt.failed(
                "gen-2",
                OPAQUE,
                List.of(
                    new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "window closed"),
                    new DeliveryFailure(FailureReason.GENERAL_ERROR, null)),
                AT)),
        new OutboxItem.SendToCustomer(DEFAULT, outbound("gen-3", PHONE), ROUTE, true),
        new OutboxItem.SendToCustomer(SALES, outbound("gen-4", OPAQUE), null, true),
        // issue 3: rich messages
        new OutboxItem.ForwardToContactCenter(
            SALES,
            new InboundMessage(
                "wamid.HBgL3",
                new Customer(PHONE, "Ana", "@ana"),
                ROUTE,
                AT,
                new InboundContent.Media(
                    MediaKind.IMAGE,
                    "1234567890",
                    "image/jpeg",
                    "3b7a9f0c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a",
                    null,
                    "the broken part"),
                Map.of("referral.headline", "Spring sale", "referral.source_type", "ad"))),
        new OutboxItem.ForwardToContactCenter(
            DEFAULT,
            new InboundMessage(
                "wamid.HBgL4",
                new Customer(PHONE, null),
                null,
                AT,
                new InboundContent.ReplyTap("qr-1", "No, thanks", "wamid.OUT1"))),
        new OutboxItem.AnswerToContactCenter(
            SALES,
            new ReplyChoice(
                "gen-5", new Customer(OPAQUE, "Bo"), REPLIES.get(1), "wamid.HBgL5", AT)),
        new OutboxItem.SendToCustomer(
            SALES,
            new OutboundMessage(
                "gen-6", PHONE, new OutboundContent.QuickReplies("Did that help?", REPLIES)),
            ROUTE,
            false),
        new OutboxItem.SendToCustomer(
            DEFAULT,
            new OutboundMessage(
                "gen-7",
                PHONE,
                new OutboundContent.Sequence(
                    List.of(
                        new OutboundContent.Text("Here you are"), pdf(), pdf().withCaption(null)))),
            null,
            true),
        new OutboxItem.SendToCustomer(
            DEFAULT,
            new OutboundMessage(
                "gen-8",
                PHONE,
                new OutboundContent.Template(
                    "c0ffee_namespace",
                    "order_update",
                    "en_US",
                    List.of("Ana", "#1234"),
                    new OutboundContent.Media(
                        MediaKind.IMAGE,
                        "https://api-downloads.mypurecloud.com/files/header.png",
                        "image/png",
                        null,
                        null))),
            null,
            true),
        new OutboxItem.SendToCustomer(
            SALES,
            new OutboundMessage(
                "gen-9",
                OPAQUE,
                new OutboundContent.Template(null, "hello_world", "en", List.of(), null)),
            null,
            true),
        // issue 12: fidelity
        new OutboxItem.SendToCustomer(
            SALES, outbound("gen-10", PHONE, "the second part"), ROUTE, true, 1),
        new OutboxItem.Reengage(
            DEFAULT,
            new OutboundMessage(
                "reengagement:gen-11",
                PHONE,
                new OutboundContent.Template("acme", "we_have_a_reply", "en_US", List.of(), null)),
            ROUTE),
        new OutboxItem.SendToCustomer(
            DEFAULT,
            new OutboundMessage(
                "gen-13",
                PHONE,
                new OutboundContent.Template(
                    "acme_ns",
                    "order_label",
                    "en_US",
                    List.of("A-1009"),
                    null,
                    List.of("Ana"),
                    List.of(
                        new OutboundContent.TemplateButton(
                            0, OutboundContent.TemplateButton.ButtonKind.URL, "A-1009"),
                        new OutboundContent.TemplateButton(
                            1, OutboundContent.TemplateButton.ButtonKind.QUICK_REPLY, "stop")))),
            null,
            true),
        new OutboxItem.SendToCustomer(
            SALES,
            new OutboundMessage(
                "gen-14",
                PHONE,
                new OutboundContent.Card(
                    "Premium plan",
                    "30 EUR a month",
                    new OutboundContent.Media(
                        MediaKind.IMAGE,
                        "https://api-downloads.mypurecloud.com/files/card.png",
                        "image/png",
                        null,
                        null),
                    List.of(QuickReply.postback("Choose it", "plan-premium")),
                    List.of(new OutboundContent.Link("Details", "https://example.com/plan")))),
            ROUTE,
            true),
        new OutboxItem.SendToCustomer(
            DEFAULT,
            new OutboundMessage(
                "gen-15", OPAQUE, new OutboundContent.Unsupported("a DatePicker content element")),
            null,
            true),
        new OutboxItem.ShowTyping(SALES, PHONE, ROUTE, "wamid.HBgL3"),
        new OutboxItem.ShowTyping(DEFAULT, OPAQUE, null, "wamid.HBgL4"),
        new OutboxItem.Acknowledge(SALES, "callback-query-4711"));
  }

  /** One event of every kind, with rich content, between them using every variant. */
  static List<ChannelEvent> events() {
    List<ChannelEvent> events = new java.util.ArrayList<>();
    for (OutboxItem item : items()) {
      if (item instanceof OutboxItem.ForwardToContactCenter forward) {
        events.add(new ChannelEvent.CustomerMessage(forward.connection(), forward.message()));
      } else if (item instanceof OutboxItem.SendToCustomer send) {
        events.add(new ChannelEvent.AgentMessage(send.connection(), send.message(), AT));
      }
    }
    events.add(
        new ChannelEvent.CustomerMessage(
            SALES, inbound("wamid.HBgL6", PHONE, "Ana", AT), "callback-query-4712"));
    events.add(
        new ChannelEvent.CustomerMessage(
            DEFAULT, inbound("wamid.HBgL7", PHONE, "Ana", AT), null, List.of(OPAQUE)));
    events.add(
        new ChannelEvent.StatusReported(DEFAULT, report("wamid.A", DeliveryStatus.FAILED, AT)));
    events.add(new ChannelEvent.StatusReported(SALES, report("wamid.B", DeliveryStatus.READ, AT)));
    events.add(new ChannelEvent.AgentTyping(DEFAULT, PHONE, AT));
    events.add(new ChannelEvent.AgentTyping(SALES, OPAQUE, AT.plusSeconds(1)));
    events.add(
        new ChannelEvent.ForwardReported(
            DEFAULT,
            PHONE,
            List.of("wamid.forwarded", "genesys-id"),
            new ChannelEvent.ForwardReported.Failure("DataFiltered", "filtered by a rule"),
            AT.plusSeconds(2)));
    events.add(
        new ChannelEvent.ForwardReported(
            SALES, OPAQUE, List.of("tg:1:2"), null, AT.plusSeconds(3)));
    return List.copyOf(events);
  }
}
