package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.ReplyChoice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link ContactCenter} that records every call and answers from a script shared by forward,
 * answer and report, in call order; unscripted calls are {@link DispatchOutcome.Done} without ids.
 */
public final class RecordingContactCenter implements ContactCenter {

  private final ScriptedOutcomes script = new ScriptedOutcomes();
  private final List<InboundMessage> forwarded = new ArrayList<>();
  private final List<List<Attachment>> attachments = new ArrayList<>();
  private final List<ReplyChoice> answered = new ArrayList<>();
  private final List<DeliveryReceipt> reported = new ArrayList<>();
  private final List<OutboundContent.Media> fetched = new ArrayList<>();
  private final List<Long> fetchLimits = new ArrayList<>();
  private final Deque<FetchOutcome> fetches = new ArrayDeque<>();

  @Override
  public synchronized DispatchOutcome forward(InboundMessage message, List<Attachment> links) {
    forwarded.add(message);
    attachments.add(List.copyOf(links));
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  @Override
  public synchronized DispatchOutcome answer(ReplyChoice choice) {
    answered.add(choice);
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  /**
   * Answers from the fetch script, in order; unscripted: the bytes {@code agent-media} with the
   * attachment's media type.
   */
  @Override
  public synchronized FetchOutcome fetchAttachment(OutboundContent.Media media, long maxBytes) {
    fetched.add(media);
    fetchLimits.add(maxBytes);
    FetchOutcome next = fetches.poll();
    return next != null
        ? next
        : new FetchOutcome.Fetched(
            new MediaBytes("agent-media".getBytes(StandardCharsets.UTF_8), media.mimeType(), null));
  }

  /** The next attachment fetches answer these outcomes, in order. */
  public synchronized RecordingContactCenter willFetch(FetchOutcome... outcomes) {
    fetches.addAll(List.of(outcomes));
    return this;
  }

  /** The attachments of each forwarded message, in call order. */
  public synchronized List<List<Attachment>> forwardedAttachments() {
    return List.copyOf(attachments);
  }

  /** Every quick-reply answer, in call order. */
  public synchronized List<ReplyChoice> answered() {
    return List.copyOf(answered);
  }

  /** Every attachment fetched, in call order. */
  public synchronized List<OutboundContent.Media> fetched() {
    return List.copyOf(fetched);
  }

  /** The size limit of every attachment fetch, in call order. */
  public synchronized List<Long> fetchLimits() {
    return List.copyOf(fetchLimits);
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
