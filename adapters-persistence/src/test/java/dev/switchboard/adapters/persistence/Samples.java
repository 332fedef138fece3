package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.time.Instant;
import java.util.List;

/** Domain values for the tests, covering every variant of the sealed types. */
final class Samples {

  static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  static final CustomerId PHONE = CustomerId.phone("16505551234");
  static final CustomerId OPAQUE = CustomerId.opaque("US.13491208655302741918");

  private Samples() {}

  static InboundMessage inbound(String wamid, CustomerId sender, String name, Instant sentAt) {
    return new InboundMessage(
        wamid,
        new Customer(sender, name),
        "106540352242922",
        sentAt,
        new InboundContent.Text("Hello, I need help with my order ✓"));
  }

  static OutboundMessage outbound(String id, CustomerId recipient) {
    return new OutboundMessage(
        id, recipient, new OutboundContent.Text("Sure, what is the number?"));
  }

  static StatusReport report(String wamid, DeliveryStatus status, Instant at) {
    List<DeliveryFailure> failures =
        status == DeliveryStatus.FAILED
            ? List.of(new DeliveryFailure(FailureReason.RECIPIENT_OPTED_OUT, "opted out"))
            : List.of();
    return new StatusReport(wamid, PHONE, status, at, failures);
  }

  /** One item of every kind, between them using every variant of every sealed type. */
  static List<OutboxItem> items() {
    return List.of(
        new OutboxItem.ForwardToContactCenter(inbound("wamid.HBgL1", PHONE, "Ana", AT)),
        new OutboxItem.ForwardToContactCenter(inbound("wamid.HBgL2", OPAQUE, null, AT)),
        new OutboxItem.ReportToContactCenter(DeliveryReceipt.delivered("gen-1", PHONE, AT)),
        new OutboxItem.ReportToContactCenter(
            DeliveryReceipt.failed(
                "gen-2",
                OPAQUE,
                List.of(
                    new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "window closed"),
                    new DeliveryFailure(FailureReason.GENERAL_ERROR, null)),
                AT)),
        new OutboxItem.SendToCustomer(outbound("gen-3", PHONE), "106540352242922"),
        new OutboxItem.SendToCustomer(outbound("gen-4", OPAQUE), null));
  }
}
