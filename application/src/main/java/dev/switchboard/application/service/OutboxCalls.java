package dev.switchboard.application.service;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The calls that carry one outbox item to the other side. A customer's attachment is fetched from
 * the channel, checked and stored, and the contact center gets a signed link to it; an agent's
 * attachment is fetched from the contact center and uploaded to the channel before it is sent.
 */
final class OutboxCalls {

  private static final System.Logger LOG = System.getLogger(OutboxCalls.class.getName());

  private final ContactCenter contactCenter;
  private final MessagingChannel channel;
  private final MediaStore media;
  private final Duration linkLifetime;
  private final Clock clock;

  OutboxCalls(
      ContactCenter contactCenter,
      MessagingChannel channel,
      MediaStore media,
      Duration linkLifetime,
      Clock clock) {
    this.contactCenter = Objects.requireNonNull(contactCenter, "contactCenter");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.media = Objects.requireNonNull(media, "media");
    this.linkLifetime = Objects.requireNonNull(linkLifetime, "linkLifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Carries {@code item} across; never null. */
  DispatchOutcome call(OutboxItem item) {
    if (item instanceof OutboxItem.ForwardToContactCenter forward) {
      return forward(forward.message());
    }
    if (item instanceof OutboxItem.ReportToContactCenter report) {
      return contactCenter.report(report.receipt());
    }
    if (item instanceof OutboxItem.AnswerToContactCenter answer) {
      return contactCenter.answer(answer.choice());
    }
    if (item instanceof OutboxItem.SendToCustomer send) {
      return send(send.message(), send.businessNumberId());
    }
    if (item instanceof OutboxItem.ShowTyping typing) {
      return showTyping(typing);
    }
    throw new IllegalStateException("unhandled outbox item " + item.getClass().getSimpleName());
  }

  private DispatchOutcome forward(InboundMessage message) {
    if (!(message.content() instanceof InboundContent.Media attached)) {
      return contactCenter.forward(message, List.of());
    }
    FetchOutcome fetched = channel.fetchMedia(attached, attached.kind().inboundLimit());
    if (fetched instanceof FetchOutcome.RetryLater retry) {
      return new DispatchOutcome.RetryLater(retry.notBefore(), retry.reason());
    }
    if (fetched instanceof FetchOutcome.Unavailable unavailable) {
      return forwardWithoutIt(message, attached, unavailable.failure().message());
    }
    MediaBytes bytes = ((FetchOutcome.Fetched) fetched).media();
    if (attached.sha256() != null && !bytes.matchesSha256(attached.sha256())) {
      return forwardWithoutIt(message, attached, "its content does not match its checksum");
    }
    String mimeType = bytes.mimeType().isBlank() ? attached.mimeType() : bytes.mimeType();
    String filename = attached.filename() != null ? attached.filename() : bytes.filename();
    String id =
        media.put(message.channelMessageId(), new MediaBytes(bytes.content(), mimeType, filename));
    Attachment link =
        new Attachment(
            attached.kind(),
            media.link(id, clock.instant().plus(linkLifetime)),
            mimeType,
            filename);
    return contactCenter.forward(message, List.of(link));
  }

  /** The message reaches the agent all the same, with a note of what could not be fetched. */
  private DispatchOutcome forwardWithoutIt(
      InboundMessage message, InboundContent.Media attached, String why) {
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
    return contactCenter.forward(message.with(new InboundContent.Text(note + caption)), List.of());
  }

  private DispatchOutcome send(OutboundMessage message, String businessNumberId) {
    if (!(message.content() instanceof OutboundContent.Media attached)
        || attached.channelMediaId() != null) {
      return channel.send(message, businessNumberId);
    }
    FetchOutcome fetched = contactCenter.fetchAttachment(attached, attached.kind().channelLimit());
    if (fetched instanceof FetchOutcome.RetryLater retry) {
      return new DispatchOutcome.RetryLater(retry.notBefore(), retry.reason());
    }
    if (fetched instanceof FetchOutcome.Unavailable unavailable) {
      return new DispatchOutcome.Refused(unavailable.failure());
    }
    MediaBytes bytes = ((FetchOutcome.Fetched) fetched).media();
    String filename = attached.filename() != null ? attached.filename() : bytes.filename();
    String mimeType = attached.mimeType().isBlank() ? bytes.mimeType() : attached.mimeType();
    DispatchOutcome uploaded =
        channel.upload(new MediaBytes(bytes.content(), mimeType, filename), businessNumberId);
    if (!(uploaded instanceof DispatchOutcome.Done done) || done.remoteIds().isEmpty()) {
      return uploaded instanceof DispatchOutcome.Done
          ? new DispatchOutcome.RetryLater(null, "the upload returned no media id")
          : uploaded;
    }
    OutboundMessage ready =
        new OutboundMessage(
            message.contactCenterMessageId(),
            message.recipient(),
            attached.uploadedAs(done.remoteIds().get(0)));
    return channel.send(ready, businessNumberId);
  }

  /** Best effort: a typing indicator that cannot be shown now is of no use later. */
  private DispatchOutcome showTyping(OutboxItem.ShowTyping typing) {
    DispatchOutcome shown =
        channel.showTyping(typing.customerMessageId(), typing.businessNumberId());
    if (!(shown instanceof DispatchOutcome.Done)) {
      LOG.log(Level.INFO, "a typing indicator was not shown: {0}", shown);
    }
    return DispatchOutcome.Done.withoutIds();
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
