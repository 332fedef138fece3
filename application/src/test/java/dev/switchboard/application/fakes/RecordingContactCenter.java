package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.InboundMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ContactCenter} that records every call and answers from a script shared by both methods,
 * in call order; unscripted calls are {@link DispatchOutcome.Done} without ids.
 */
public final class RecordingContactCenter implements ContactCenter {

  private final ScriptedOutcomes script = new ScriptedOutcomes();
  private final List<InboundMessage> forwarded = new ArrayList<>();
  private final List<DeliveryReceipt> reported = new ArrayList<>();

  @Override
  public synchronized DispatchOutcome forward(InboundMessage message) {
    forwarded.add(message);
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  @Override
  public synchronized DispatchOutcome report(DeliveryReceipt receipt) {
    reported.add(receipt);
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  /** The next calls answer these outcomes, in order. */
  public synchronized RecordingContactCenter willAnswer(DispatchOutcome... outcomes) {
    script.add(outcomes);
    return this;
  }

  /** The next call throws {@code failure}. */
  public synchronized RecordingContactCenter willThrow(RuntimeException failure) {
    script.addFailure(failure);
    return this;
  }

  /** Every message forwarded, in call order, repeats included. */
  public synchronized List<InboundMessage> forwarded() {
    return List.copyOf(forwarded);
  }

  /** Every receipt reported, in call order, repeats included. */
  public synchronized List<DeliveryReceipt> reported() {
    return List.copyOf(reported);
  }
}
