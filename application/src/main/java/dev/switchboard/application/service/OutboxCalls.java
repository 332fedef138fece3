package dev.switchboard.application.service;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.usecase.RecordDeliveryStatus;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundContent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The calls that carry one outbox item to the other side, through the channel and the contact
 * center integration of the item's connection. A customer's attachment is fetched from the channel
 * (at most what both the channel and the contact center carry), checked and stored, and the contact
 * center gets a signed link to it; an agent's attachment (also a card's image or a template's
 * header media) is fetched from the contact center (at most what the channel carries) and handed to
 * the channel with the send.
 */
final class OutboxCalls {

  private static final System.Logger LOG = System.getLogger(OutboxCalls.class.getName());

  /** How long a tap waits for the send it answers to be recorded. */
  static final Duration TAP_PATIENCE = Duration.ofSeconds(30);

  private static final Duration TAP_RECHECK = Duration.ofMillis(200);

  private final ContactCenter contactCenter;
  private final RecordDeliveryStatus sends;
  private final Connections connections;
  private final MediaStore media;
  private final Duration linkLifetime;
  private final Clock clock;

  OutboxCalls(
      ContactCenter contactCenter,
      RecordDeliveryStatus sends,
      Connections connections,
      MediaStore media,
      Duration linkLifetime,
      Clock clock) {
    this.contactCenter = Objects.requireNonNull(contactCenter, "contactCenter");
    this.sends = Objects.requireNonNull(sends, "sends");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.media = Objects.requireNonNull(media, "media");
    this.linkLifetime = Objects.requireNonNull(linkLifetime, "linkLifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Carries {@code item} across; never null. */
  DispatchOutcome call(OutboxItem item) {
    if (item instanceof OutboxItem.ReportToContactCenter report) {
      return contactCenter.report(report.connection(), report.receipt());
    }
    if (item instanceof OutboxItem.AnswerToContactCenter answer) {
      return contactCenter.answer(answer.connection(), answer.choice());
    }
    Connections.Connected on = connections.find(item.connection()).orElse(null);
    if (on == null) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR,
              "no connection named " + item.connection() + " is configured"));
    }
    if (item instanceof OutboxItem.ForwardToContactCenter forward) {
      return forward(on, forward.message());
    }
    if (item instanceof OutboxItem.SendToCustomer send) {
      return send(on, send);
    }
    if (item instanceof OutboxItem.Reengage template) {
      return on.channel()
          .send(new ChannelSend(template.connection(), template.message(), template.route(), null));
    }
    if (item instanceof OutboxItem.ShowTyping typing) {
      return bestEffort(
          "a typing indicator",
          on.channel()
              .showTyping(
                  typing.connection(),
                  typing.customer(),
                  typing.route(),
                  typing.customerMessageId()));
    }
    if (item instanceof OutboxItem.Acknowledge acknowledge) {
      return bestEffort(
          "an acknowledgement", on.channel().acknowledge(on.id(), acknowledge.token()));
    }
    throw new IllegalStateException("unhandled outbox item " + item.getClass().getSimpleName());
  }

  private DispatchOutcome forward(Connections.Connected on, InboundMessage message) {
    ConnectionId connection = on.id();
    if (message.content() instanceof InboundContent.ReplyTap tap) {
      return tap(connection, message, tap);
    }
    if (!(message.content() instanceof InboundContent.Media attached)) {
      return contactCenter.forward(connection, message, List.of());
    }
    OptionalLong carried = on.capabilities().mediaLimit(attached.kind());
    long limit = Math.min(carried.orElse(Long.MAX_VALUE), contactCenter.largestAttachment());
    FetchOutcome fetched = on.channel().fetchMedia(connection, attached, limit);
    if (fetched instanceof FetchOutcome.RetryLater retry) {
      return new DispatchOutcome.RetryLater(retry.notBefore(), retry.reason());
    }
    if (fetched instanceof FetchOutcome.Unavailable unavailable) {
      return forwardWithoutIt(connection, message, attached, unavailable.failure().message());
    }
    MediaBytes bytes = ((FetchOutcome.Fetched) fetched).media();
    if (attached.sha256() != null && !bytes.matchesSha256(attached.sha256())) {
      return forwardWithoutIt(
          connection, message, attached, "its content does not match its checksum");
    }
    String mimeType = bytes.mimeType().isBlank() ? attached.mimeType() : bytes.mimeType();
    String filename = attached.filename() != null ? attached.filename() : bytes.filename();
    String id =
        media.put(
            message.channelMessageId(),
            new MediaBytes(bytes.content(), mimeType, filename),
            new ConversationKey(connection, message.sender().id()));
    Attachment link =
        new Attachment(
            attached.kind(),
            media.link(id, clock.instant().plus(linkLifetime)),
            mimeType,
            filename);
    return contactCenter.forward(connection, message, List.of(link));
  }

  /**
   * A tap whose send was not recorded when the tap was processed: the send's answer and the tap
   * crossed. It answers the offer once the send is recorded; one still unknown after {@link
   * #TAP_PATIENCE} (a message the bridge did not send, or forgot) reaches the agent as the text the
   * customer saw.
   */
  private DispatchOutcome tap(
      ConnectionId connection, InboundMessage message, InboundContent.ReplyTap tap) {
    Optional<Delivery> offer = sends.sentAs(connection, tap.inReplyTo());
    if (offer.isEmpty() && clock.instant().isBefore(message.sentAt().plus(TAP_PATIENCE))) {
      return new DispatchOutcome.RetryLater(
          TAP_RECHECK, "the message the tap answers is not recorded as sent yet");
    }
    return offer
        .flatMap(sent -> sent.answeredBy(message, tap))
        .map(choice -> contactCenter.answer(connection, choice))
        .orElseGet(
            () ->
                contactCenter.forward(
                    connection, message.with(new InboundContent.Text(tap.title())), List.of()));
  }

  /** The message reaches the agent all the same, with a note of what could not be fetched. */
  private DispatchOutcome forwardWithoutIt(
      ConnectionId connection, InboundMessage message, InboundContent.Media attached, String why) {
    LOG.log(
        Level.WARNING,
        "media of message {0} could not be re-hosted: {1}",
        message.channelMessageId(),
        why);
    String kind = attached.kind().name().toLowerCase(Locale.ROOT);
    String note =
        "[The customer sent "
            + article(kind)
            + " "
            + kind
            + " that could not be retrieved: "
            + why
            + "]";
    String caption = attached.caption() == null ? "" : "\n" + attached.caption();
    return contactCenter.forward(
        connection, message.with(new InboundContent.Text(note + caption)), List.of());
  }

  /**
   * Sends to the customer; the attachment the content carries (a media, a card's image, a
   * template's header media) is fetched from the contact center first and handed over with it.
   */
  private DispatchOutcome send(Connections.Connected on, OutboxItem.SendToCustomer send) {
    OutboundContent.Media attached = send.message().content().attachmentToFetch().orElse(null);
    if (attached == null) {
      return on.channel()
          .send(new ChannelSend(send.connection(), send.message(), send.route(), null));
    }
    OptionalLong carried = on.capabilities().mediaLimit(attached.kind());
    if (carried.isEmpty()) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.MEDIA_TYPE_NOT_ALLOWED,
              on.connection().channel()
                  + " does not carry "
                  + attached.kind().name().toLowerCase(Locale.ROOT)
                  + " attachments"));
    }
    FetchOutcome fetched =
        contactCenter.fetchAttachment(send.connection(), attached, carried.getAsLong());
    if (fetched instanceof FetchOutcome.RetryLater retry) {
      return new DispatchOutcome.RetryLater(retry.notBefore(), retry.reason());
    }
    if (fetched instanceof FetchOutcome.Unavailable unavailable) {
      return new DispatchOutcome.Refused(unavailable.failure());
    }
    MediaBytes bytes = ((FetchOutcome.Fetched) fetched).media();
    String filename = attached.filename() != null ? attached.filename() : bytes.filename();
    String mimeType = attached.mimeType().isBlank() ? bytes.mimeType() : attached.mimeType();
    return on.channel()
        .send(
            new ChannelSend(
                send.connection(),
                send.message(),
                send.route(),
                new MediaBytes(bytes.content(), mimeType, filename)));
  }

  /** Best effort: what cannot be shown now is of no use later. */
  private static DispatchOutcome bestEffort(String what, DispatchOutcome outcome) {
    if (!(outcome instanceof DispatchOutcome.Done)) {
      LOG.log(Level.INFO, "{0} was not shown: {1}", what, outcome);
    }
    return DispatchOutcome.Done.withoutIds();
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
