package dev.switchboard.domain.conversation;

import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.SendParts;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.OutboundContent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel's rule for what a business may send a customer, and when, chosen from what the channel
 * declares: on a channel with a customer service window (WhatsApp's 24 hours) free-form content
 * only inside the window and pre-approved templates at any time; on a channel without one, free
 * text at any time. A template to a channel that has none is refused, as is content that gives no
 * send at all, and content that cannot be carried whole (an element the contact center's adapter
 * could not map, a card with more buttons than one message of the channel carries): nothing of it
 * is sent.
 */
public final class SendPolicy {

  private final ChannelId channel;
  private final ChannelCapabilities capabilities;

  private SendPolicy(ChannelId channel, ChannelCapabilities capabilities) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
  }

  /** The rule of a channel with these capabilities. */
  public static SendPolicy of(ChannelId channel, ChannelCapabilities capabilities) {
    return new SendPolicy(channel, capabilities);
  }

  /** Decides whether {@code content} may be sent at {@code now} given the customer's window. */
  public SendDecision decide(MessageWindow window, OutboundContent content, Instant now) {
    var uncarried = content.uncarried().or(() -> cardThatDoesNotFit(content));
    if (uncarried.isPresent()) {
      return new SendDecision.Rejected(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "The message was not sent: "
                  + uncarried.get()
                  + " cannot be carried to the customer on "
                  + channel
                  + "."));
    }
    if (content.isTemplate()) {
      return capabilities.templates()
          ? new SendDecision.SendTemplate()
          : new SendDecision.Rejected(
              new DeliveryFailure(
                  FailureReason.UNSUPPORTED_MESSAGE,
                  "A template (Notification) cannot be sent on "
                      + channel
                      + ": it has no message templates. Send the text itself instead."));
    }
    if (SendParts.of(content, capabilities).isEmpty()) {
      return new SendDecision.Rejected(
          new DeliveryFailure(FailureReason.INVALID_MESSAGE_STRUCTURE, "the message is empty"));
    }
    if (allowsFreeFormAt(window, now)) {
      return new SendDecision.SendFreeForm();
    }
    return new SendDecision.TemplateRequired(
        window.closesAt(capabilities.serviceWindow()).orElse(null));
  }

  /** Why a card of {@code content} does not fit on one message of the channel, if one does not. */
  private Optional<String> cardThatDoesNotFit(OutboundContent content) {
    if (content instanceof OutboundContent.Card card) {
      return capabilities.cards().whyNot(card);
    }
    if (content instanceof OutboundContent.Sequence sequence) {
      return sequence.parts().stream()
          .flatMap(part -> cardThatDoesNotFit(part).stream())
          .findFirst();
    }
    return Optional.empty();
  }

  /** Whether free-form content may be sent at {@code now}: always, without a service window. */
  public boolean allowsFreeFormAt(MessageWindow window, Instant now) {
    return !capabilities.hasServiceWindow() || window.isOpenAt(now, capabilities.serviceWindow());
  }

  @Override
  public String toString() {
    return "SendPolicy[" + channel + "]";
  }
}
