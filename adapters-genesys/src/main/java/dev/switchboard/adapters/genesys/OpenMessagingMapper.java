package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenChannel;
import dev.switchboard.adapters.genesys.api.OpenInboundMessage;
import dev.switchboard.adapters.genesys.api.OpenReason;
import dev.switchboard.adapters.genesys.api.OpenReceipt;
import dev.switchboard.adapters.genesys.api.OpenRecipient;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Maps what the bridge tells Genesys (customers' messages, receipts) to the Open Messaging wire.
 */
final class OpenMessagingMapper {

  private static final DateTimeFormatter ISO_UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The inbound message for {@code .../inbound/open/message}. */
  OpenInboundMessage message(InboundMessage message) {
    OpenRecipient from = recipient(message.sender().id(), message.sender().displayName());
    OpenChannel channel =
        OpenChannel.inbound(message.channelMessageId(), from, time(message.sentAt()));
    return content(channel, message.content());
  }

  /** The content of an inbound message; the one place that knows the content kinds. */
  private static OpenInboundMessage content(OpenChannel channel, InboundContent content) {
    if (content instanceof InboundContent.Text text) {
      return new OpenInboundMessage(channel, text.body());
    }
    throw new IllegalArgumentException(
        "no Open Messaging form for " + content.getClass().getSimpleName());
  }

  /** The receipt for {@code .../inbound/open/receipt}. */
  OpenReceipt receipt(DeliveryReceipt receipt) {
    OpenChannel channel =
        OpenChannel.receipt(recipient(receipt.customer(), null), time(receipt.at()));
    if (receipt.outcome() == DeliveryReceipt.Outcome.DELIVERED) {
      return new OpenReceipt(
          receipt.contactCenterMessageId(), channel, OpenReceipt.DELIVERED, null, true);
    }
    List<OpenReason> reasons = receipt.reasons().stream().map(OpenMessagingMapper::reason).toList();
    return new OpenReceipt(
        receipt.contactCenterMessageId(), channel, OpenReceipt.FAILED, reasons, true);
  }

  /** A customer as an Open Messaging party: E.164 with {@code Phone}, else {@code Opaque}. */
  static OpenRecipient recipient(CustomerId customer, String nickname) {
    String idType =
        customer instanceof CustomerId.Phone ? OpenRecipient.PHONE : OpenRecipient.OPAQUE;
    return new OpenRecipient(customer.value(), idType, nickname);
  }

  /** An instant as Genesys wants it: ISO-8601 UTC with milliseconds. */
  static String time(Instant instant) {
    return ISO_UTC_MILLIS.format(instant);
  }

  private static OpenReason reason(DeliveryFailure failure) {
    return new OpenReason(code(failure.reason()), failure.message());
  }

  /** The Genesys reason code of a failure reason. */
  static String code(FailureReason reason) {
    return switch (reason) {
      case MESSAGE_EXPIRED -> "MessageExpired";
      case RATE_LIMITED -> "RateLimited";
      case INVALID_DESTINATION -> "InvalidDestination";
      case MESSAGE_NOT_ALLOWED -> "MessageNotAllowed";
      case UNSUPPORTED_MESSAGE -> "UnsupportedMessage";
      case INVALID_MESSAGE_STRUCTURE -> "InvalidMessageStructure";
      case MEDIA_TYPE_NOT_ALLOWED -> "MediaTypeNotAllowed";
      case INVALID_MEDIA_CONTENT_LENGTH -> "InvalidMediaContentLength";
      case RECIPIENT_OPTED_OUT -> "RecipientOptedOut";
      case GENERAL_ERROR -> "GeneralError";
    };
  }
}
