package dev.switchboard.domain.conversation;

import dev.switchboard.domain.delivery.DeliveryFailure;
import java.time.Instant;
import java.util.Objects;

/** Whether, and how, a message may be sent to a customer now. */
public sealed interface SendDecision
    permits SendDecision.SendFreeForm,
        SendDecision.SendTemplate,
        SendDecision.TemplateRequired,
        SendDecision.Rejected {

  /** The window is open: a free-form message may be sent. */
  record SendFreeForm() implements SendDecision {}

  /** A template may be sent whatever the window. */
  record SendTemplate() implements SendDecision {}

  /**
   * The window is closed (or was never opened): only a template may be sent.
   *
   * @param windowClosedAt when it closed; {@code null} when the customer never wrote
   */
  record TemplateRequired(Instant windowClosedAt) implements SendDecision {}

  /** The message cannot be sent at all. */
  record Rejected(DeliveryFailure failure) implements SendDecision {
    public Rejected {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
