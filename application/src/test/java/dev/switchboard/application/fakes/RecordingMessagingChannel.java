package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.message.OutboundMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessagingChannel} that records every send and answers from a script, in call order; an
 * unscripted send is {@link DispatchOutcome.Done} with one new id, {@code wamid.fake.<n>}.
 */
public final class RecordingMessagingChannel implements MessagingChannel {

  /** One recorded send. */
  public record Sent(OutboundMessage message, String businessNumberId) {}

  private final ScriptedOutcomes script = new ScriptedOutcomes();
  private final List<Sent> sent = new ArrayList<>();
  private int generatedIds;

  @Override
  public synchronized DispatchOutcome send(OutboundMessage message, String businessNumberId) {
    sent.add(new Sent(message, businessNumberId));
    return script.next(() -> new DispatchOutcome.Done(List.of("wamid.fake." + ++generatedIds)));
  }

  /** The next sends answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willAnswer(DispatchOutcome... outcomes) {
    script.add(outcomes);
    return this;
  }

  /** The next send throws {@code failure}. */
  public synchronized RecordingMessagingChannel willThrow(RuntimeException failure) {
    script.addFailure(failure);
    return this;
  }

  /** Every send, in call order, repeats included. */
  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }
}
