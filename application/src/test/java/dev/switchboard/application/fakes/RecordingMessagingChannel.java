package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link MessagingChannel} that records every call and answers from scripts, in call order; an
 * unscripted send is {@link DispatchOutcome.Done} with one new id, {@code wamid.fake.<n>}, an
 * unscripted upload one with {@code media.fake.<n>}, an unscripted typing indicator Done.
 */
public final class RecordingMessagingChannel implements MessagingChannel {

  /** One recorded send. */
  public record Sent(OutboundMessage message, String businessNumberId) {}

  /** One recorded typing indicator. */
  public record Typing(String customerMessageId, String businessNumberId) {}

  private final ScriptedOutcomes script = new ScriptedOutcomes();
  private final List<Sent> sent = new ArrayList<>();
  private int generatedIds;

  private final List<MediaBytes> uploaded = new ArrayList<>();
  private final List<String> uploadedFrom = new ArrayList<>();
  private final Deque<DispatchOutcome> uploads = new ArrayDeque<>();
  private final List<InboundContent.Media> fetched = new ArrayList<>();
  private final List<Long> fetchLimits = new ArrayList<>();
  private final Deque<FetchOutcome> fetches = new ArrayDeque<>();
  private final List<Typing> typing = new ArrayList<>();
  private final Deque<DispatchOutcome> typingAnswers = new ArrayDeque<>();

  @Override
  public synchronized DispatchOutcome send(OutboundMessage message, String businessNumberId) {
    sent.add(new Sent(message, businessNumberId));
    return script.next(() -> new DispatchOutcome.Done(List.of("wamid.fake." + ++generatedIds)));
  }

  /** Answers from the upload script, in order; unscripted: Done as {@code media.fake.<n>}. */
  @Override
  public synchronized DispatchOutcome upload(MediaBytes media, String businessNumberId) {
    uploaded.add(media);
    uploadedFrom.add(businessNumberId);
    DispatchOutcome next = uploads.poll();
    return next != null ? next : new DispatchOutcome.Done(List.of("media.fake." + uploaded.size()));
  }

  /**
   * Answers from the fetch script, in order; unscripted: the bytes {@code customer-media} with the
   * media's type.
   */
  @Override
  public synchronized FetchOutcome fetchMedia(InboundContent.Media media, long maxBytes) {
    fetched.add(media);
    fetchLimits.add(maxBytes);
    FetchOutcome next = fetches.poll();
    return next != null
        ? next
        : new FetchOutcome.Fetched(
            new MediaBytes(
                "customer-media".getBytes(StandardCharsets.UTF_8), media.mimeType(), null));
  }

  @Override
  public synchronized DispatchOutcome showTyping(
      String customerMessageId, String businessNumberId) {
    typing.add(new Typing(customerMessageId, businessNumberId));
    DispatchOutcome next = typingAnswers.poll();
    return next != null ? next : DispatchOutcome.Done.withoutIds();
  }

  /** The next uploads answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willUpload(DispatchOutcome... outcomes) {
    uploads.addAll(List.of(outcomes));
    return this;
  }

  /** The next typing indicators answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willShowTyping(DispatchOutcome... outcomes) {
    typingAnswers.addAll(List.of(outcomes));
    return this;
  }

  /** The business number of every upload, in call order. */
  public synchronized List<String> uploadedFrom() {
    return List.copyOf(uploadedFrom);
  }

  /** The size limit of every media fetch, in call order. */
  public synchronized List<Long> fetchLimits() {
    return List.copyOf(fetchLimits);
  }

  /** Every typing indicator with its business number, in call order. */
  public synchronized List<Typing> typingShown() {
    return List.copyOf(typing);
  }

  /** The next media fetches answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willFetch(FetchOutcome... outcomes) {
    fetches.addAll(List.of(outcomes));
    return this;
  }

  /** Every upload, in call order. */
  public synchronized List<MediaBytes> uploaded() {
    return List.copyOf(uploaded);
  }

  /** Every media fetch, in call order. */
  public synchronized List<InboundContent.Media> fetched() {
    return List.copyOf(fetched);
  }

  /** The customer messages a typing indicator was shown for, in call order. */
  public synchronized List<String> typing() {
    return typing.stream().map(Typing::customerMessageId).toList();
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
