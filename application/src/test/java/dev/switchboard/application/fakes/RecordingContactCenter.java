package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.domain.channel.ConnectionId;
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
 * A {@link ContactCenter} that records every call with its connection and answers from a script
 * shared by forward, answer and report, in call order; unscripted calls are {@link
 * DispatchOutcome.Done} without ids. It takes attachments of up to {@link #DEFAULT_LARGEST} (as
 * Genesys does) unless told otherwise.
 */
public final class RecordingContactCenter implements ContactCenter {

  /** The largest attachment it takes by default: 25 MiB. */
  public static final long DEFAULT_LARGEST = 25L * 1024 * 1024;

  /** One recorded forward. */
  public record Forwarded(
      ConnectionId connection, InboundMessage message, List<Attachment> attachments) {}

  /** One recorded call about a quick reply, a receipt or an attachment, with its connection. */
  public record Call<T>(ConnectionId connection, T what) {}

  private final ScriptedOutcomes script = new ScriptedOutcomes();
  private final List<Forwarded> forwarded = new ArrayList<>();
  private final List<Call<ReplyChoice>> answered = new ArrayList<>();
  private final List<Call<DeliveryReceipt>> reported = new ArrayList<>();
  private final List<Call<OutboundContent.Media>> fetched = new ArrayList<>();
  private final List<Long> fetchLimits = new ArrayList<>();
  private final Deque<FetchOutcome> fetches = new ArrayDeque<>();
  private long largestAttachment = DEFAULT_LARGEST;

  @Override
  public synchronized long largestAttachment() {
    return largestAttachment;
  }

  /** From now on, it takes attachments of up to {@code bytes}. */
  public synchronized RecordingContactCenter takingAttachmentsUpTo(long bytes) {
    largestAttachment = bytes;
    return this;
  }

  @Override
  public synchronized DispatchOutcome forward(
      ConnectionId connection, InboundMessage message, List<Attachment> links) {
    forwarded.add(new Forwarded(connection, message, List.copyOf(links)));
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  @Override
  public synchronized DispatchOutcome answer(ConnectionId connection, ReplyChoice choice) {
    answered.add(new Call<>(connection, choice));
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  @Override
  public synchronized DispatchOutcome report(ConnectionId connection, DeliveryReceipt receipt) {
    reported.add(new Call<>(connection, receipt));
    return script.next(DispatchOutcome.Done::withoutIds);
  }

  /**
   * Answers from the fetch script, in order; unscripted: the bytes {@code agent-media} with the
   * attachment's media type.
   */
  @Override
  public synchronized FetchOutcome fetchAttachment(
      ConnectionId connection, OutboundContent.Media media, long maxBytes) {
    fetched.add(new Call<>(connection, media));
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

  /** Every forward with its connection and attachments, in call order, repeats included. */
  public synchronized List<Forwarded> forwards() {
    return List.copyOf(forwarded);
  }

  /** Every message forwarded, in call order, repeats included. */
  public synchronized List<InboundMessage> forwarded() {
    return forwarded.stream().map(Forwarded::message).toList();
  }

  /** The attachments of each forwarded message, in call order. */
  public synchronized List<List<Attachment>> forwardedAttachments() {
    return forwarded.stream().map(Forwarded::attachments).toList();
  }

  /** Every quick-reply answer, in call order. */
  public synchronized List<ReplyChoice> answered() {
    return answered.stream().map(Call::what).toList();
  }

  /** Every quick-reply answer with its connection, in call order. */
  public synchronized List<Call<ReplyChoice>> answers() {
    return List.copyOf(answered);
  }

  /** Every receipt reported, in call order, repeats included. */
  public synchronized List<DeliveryReceipt> reported() {
    return reported.stream().map(Call::what).toList();
  }

  /** Every receipt reported with its connection, in call order, repeats included. */
  public synchronized List<Call<DeliveryReceipt>> reports() {
    return List.copyOf(reported);
  }

  /** Every attachment fetched, in call order. */
  public synchronized List<OutboundContent.Media> fetched() {
    return fetched.stream().map(Call::what).toList();
  }

  /** Every attachment fetch with its connection, in call order. */
  public synchronized List<Call<OutboundContent.Media>> fetches() {
    return List.copyOf(fetched);
  }

  /** The size limit of every attachment fetch, in call order. */
  public synchronized List<Long> fetchLimits() {
    return List.copyOf(fetchLimits);
  }
}
