package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenAttachment;
import dev.switchboard.adapters.genesys.api.OpenChannel;
import dev.switchboard.adapters.genesys.api.OpenContent;
import dev.switchboard.adapters.genesys.api.OpenInboundChannel;
import dev.switchboard.adapters.genesys.api.OpenInboundMessage;
import dev.switchboard.adapters.genesys.api.OpenMetadata;
import dev.switchboard.adapters.genesys.api.OpenReason;
import dev.switchboard.adapters.genesys.api.OpenReceipt;
import dev.switchboard.adapters.genesys.api.OpenRecipient;
import dev.switchboard.adapters.genesys.api.OpenStructuredResponse;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.ReplyChoice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps what the bridge tells Genesys (customers' messages and taps, receipts) to the Open Messaging
 * wire.
 */
final class OpenMessagingMapper {

  /** The longest custom attribute name sent; longer ones are cut. */
  static final int MAX_ATTRIBUTE_NAME = 100;

  /** The longest custom attribute value sent; longer ones are cut. */
  static final int MAX_ATTRIBUTE_VALUE = 1000;

  private static final DateTimeFormatter ISO_UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * The inbound message for {@code .../inbound/open/message}: the text (or caption) in {@code
   * text}, each attachment as an {@code Attachment} content element, the message's metadata as
   * custom attributes of {@code channel.metadata}.
   */
  OpenInboundMessage message(InboundMessage message, List<Attachment> attachments) {
    OpenRecipient from = recipient(message.sender().id(), message.sender().displayName());
    OpenInboundChannel channel =
        new OpenInboundChannel(
            message.channelMessageId(), from, time(message.sentAt()), metadata(message.metadata()));
    List<OpenContent> content =
        attachments.stream().map(OpenMessagingMapper::attachment).map(OpenContent::of).toList();
    String text = text(message.content());
    if (text == null && content.isEmpty()) {
      text = "[The customer sent " + what(message.content()) + " that is not attached]";
    }
    return new OpenInboundMessage(channel, text, content.isEmpty() ? null : content);
  }

  /** The text of a message: its body, an attachment's caption, a tapped answer's title. */
  private static String text(InboundContent content) {
    if (content instanceof InboundContent.Text text) {
      return text.body();
    }
    if (content instanceof InboundContent.Media media) {
      return media.caption() == null || media.caption().isBlank() ? null : media.caption();
    }
    if (content instanceof InboundContent.ReplyTap tap) {
      return tap.title();
    }
    throw new IllegalArgumentException(
        "no Open Messaging form for " + content.getClass().getSimpleName());
  }

  private static String what(InboundContent content) {
    return content instanceof InboundContent.Media media
        ? "a " + media.kind().name().toLowerCase(Locale.ROOT)
        : "a message";
  }

  private static OpenAttachment attachment(Attachment attachment) {
    return OpenAttachment.of(
        mediaType(attachment.kind()),
        attachment.url(),
        attachment.mimeType(),
        attachment.filename());
  }

  /** The Open Messaging {@code mediaType} of a kind of media. */
  static String mediaType(MediaKind kind) {
    return switch (kind) {
      case IMAGE, STICKER -> OpenAttachment.IMAGE;
      case VIDEO -> OpenAttachment.VIDEO;
      case AUDIO -> OpenAttachment.AUDIO;
      case DOCUMENT -> OpenAttachment.FILE;
    };
  }

  /**
   * The custom attributes of a message's metadata, sorted by name: blank names are left out, names
   * and values cut to {@link #MAX_ATTRIBUTE_NAME} and {@link #MAX_ATTRIBUTE_VALUE} characters;
   * {@code null} when none is left.
   */
  static OpenMetadata metadata(Map<String, String> metadata) {
    Map<String, String> attributes = new TreeMap<>();
    metadata.forEach(
        (name, value) -> {
          if (name != null && !name.isBlank() && value != null) {
            attributes.putIfAbsent(
                cut(name.strip(), MAX_ATTRIBUTE_NAME), cut(value, MAX_ATTRIBUTE_VALUE));
          }
        });
    return attributes.isEmpty() ? null : new OpenMetadata(attributes);
  }

  private static String cut(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }

  /** The tap for {@code .../inbound/open/structured/response}. */
  OpenStructuredResponse response(ReplyChoice choice) {
    OpenInboundChannel channel =
        new OpenInboundChannel(
            choice.channelMessageId(),
            recipient(choice.customer().id(), choice.customer().displayName()),
            time(choice.at()),
            null);
    return new OpenStructuredResponse(
        channel,
        new OpenStructuredResponse.ButtonResponse(
            choice.reply().button()
                ? OpenStructuredResponse.ButtonResponse.BUTTON
                : OpenStructuredResponse.ButtonResponse.QUICK_REPLY,
            choice.reply().title(),
            choice.reply().payload()),
        choice.contactCenterMessageId());
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
