package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MessagingChannel} that records every call and answers from scripts, in call order; an
 * unscripted send is {@link DispatchOutcome.Done} with one new id, {@code wamid.fake.<n>}, an
 * unscripted typing indicator or acknowledgement Done. By default it is a WhatsApp-like channel
 * ({@link TestConnections#WHATSAPP_LIKE}); {@link #telegramLike()} gives one like a Telegram bot.
 */
public final class RecordingMessagingChannel implements MessagingChannel {

  /** One recorded media fetch. */
  public record Fetch(ConnectionId connection, InboundContent.Media media, long maxBytes) {}

  /** One recorded typing indicator. */
  public record Typing(
      ConnectionId connection, CustomerId customer, ReplyRoute route, String customerMessageId) {}

  /** One recorded acknowledgement. */
  public record Acknowledged(ConnectionId connection, String token) {}

  private final ChannelId channel;
  private final ChannelCapabilities capabilities;

  private final ScriptedOutcomes script = new ScriptedOutcomes();
  private final List<ChannelSend> sent = new ArrayList<>();
  private int generatedIds;
  private Reengagement reengagement;

  private final List<Fetch> fetched = new ArrayList<>();
  private final Deque<FetchOutcome> fetches = new ArrayDeque<>();
  private final List<Typing> typing = new ArrayList<>();
  private final Deque<DispatchOutcome> typingAnswers = new ArrayDeque<>();
  private final List<Acknowledged> acknowledged = new ArrayList<>();
  private final ScriptedOutcomes acknowledgements = new ScriptedOutcomes();

  /** A WhatsApp-like channel named {@code whatsapp}. */
  public RecordingMessagingChannel() {
    this(TestConnections.WHATSAPP, TestConnections.WHATSAPP_LIKE);
  }

  /** A channel of this name and these capabilities. */
  public RecordingMessagingChannel(ChannelId channel, ChannelCapabilities capabilities) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
  }

  /**
   * A channel named {@code telegram} like a Telegram bot: no service window, no templates, no
   * delivery reports.
   */
  public static RecordingMessagingChannel telegramLike() {
    return new RecordingMessagingChannel(TestConnections.TELEGRAM, TestConnections.TELEGRAM_LIKE);
  }

  @Override
  public ChannelId channel() {
    return channel;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public synchronized DispatchOutcome send(ChannelSend send) {
    sent.add(Objects.requireNonNull(send, "send"));
    return script.next(() -> new DispatchOutcome.Done(List.of("wamid.fake." + ++generatedIds)));
  }

  /**
   * Answers from the fetch script, in order; unscripted: the bytes {@code customer-media} with the
   * media's type.
   */
  @Override
  public synchronized FetchOutcome fetchMedia(
      ConnectionId connection, InboundContent.Media media, long maxBytes) {
    fetched.add(new Fetch(connection, media, maxBytes));
    FetchOutcome next = fetches.poll();
    return next != null
        ? next
        : new FetchOutcome.Fetched(
            new MediaBytes(
                "customer-media".getBytes(StandardCharsets.UTF_8), media.mimeType(), null));
  }

  @Override
  public synchronized DispatchOutcome showTyping(
      ConnectionId connection, CustomerId customer, ReplyRoute route, String customerMessageId) {
    typing.add(new Typing(connection, customer, route, customerMessageId));
    DispatchOutcome next = typingAnswers.poll();
    return next != null ? next : DispatchOutcome.Done.withoutIds();
  }

  /** Answers from the acknowledgement script, in order; unscripted: Done. */
  @Override
  public synchronized DispatchOutcome acknowledge(ConnectionId connection, String token) {
    acknowledged.add(new Acknowledged(connection, token));
    return acknowledgements.next(DispatchOutcome.Done::withoutIds);
  }

  /** Every connection of this channel re-engages customers so. */
  public synchronized RecordingMessagingChannel reengaging(Reengagement how) {
    this.reengagement = how;
    return this;
  }

  @Override
  public synchronized Optional<Reengagement> reengagement(ConnectionId connection) {
    return Optional.ofNullable(reengagement);
  }

  /** The next typing indicators answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willShowTyping(DispatchOutcome... outcomes) {
    typingAnswers.addAll(List.of(outcomes));
    return this;
  }

  /** The next acknowledgements answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willAcknowledge(DispatchOutcome... outcomes) {
    acknowledgements.add(outcomes);
    return this;
  }

  /** The next media fetches answer these outcomes, in order. */
  public synchronized RecordingMessagingChannel willFetch(FetchOutcome... outcomes) {
    fetches.addAll(List.of(outcomes));
    return this;
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

  /** Every send, in call order, repeats included: connection, message, route and attachment. */
  public synchronized List<ChannelSend> sent() {
    return List.copyOf(sent);
  }

  /** Every media fetch with its connection and size limit, in call order. */
  public synchronized List<Fetch> fetches() {
    return List.copyOf(fetched);
  }

  /** Every media fetched, in call order. */
  public synchronized List<InboundContent.Media> fetched() {
    return fetched.stream().map(Fetch::media).toList();
  }

  /** The size limit of every media fetch, in call order. */
  public synchronized List<Long> fetchLimits() {
    return fetched.stream().map(Fetch::maxBytes).toList();
  }

  /** Every typing indicator with its connection, customer and route, in call order. */
  public synchronized List<Typing> typingShown() {
    return List.copyOf(typing);
  }

  /** The customer messages a typing indicator was shown for, in call order. */
  public synchronized List<String> typing() {
    return typing.stream().map(Typing::customerMessageId).toList();
  }

  /** Every acknowledgement, in call order. */
  public synchronized List<Acknowledged> acknowledged() {
    return List.copyOf(acknowledged);
  }
}
