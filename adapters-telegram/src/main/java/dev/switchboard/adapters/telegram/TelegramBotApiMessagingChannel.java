package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.telegram.api.AnswerCallbackQueryRequest;
import dev.switchboard.adapters.telegram.api.ChatActionRequest;
import dev.switchboard.adapters.telegram.api.Message;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram's Bot API as the bridge's messaging channel, acting for the bot of the connection each
 * call names: sends (the call from {@link SendCalls}), typing ({@code sendChatAction}), answers to
 * taps ({@code answerCallbackQuery}); customers' files are fetched by {@link BotApiFileFetch}. The
 * calls and what their answers mean are {@link BotApi}'s: never an exception for the Bot API's
 * failures; a retry for a passing one; a refusal otherwise, {@link
 * FailureReason#INVALID_DESTINATION} for a 403 (the customer blocked the bot, or never started it),
 * {@link FailureReason#GENERAL_ERROR} with the Bot API's description for any other.
 *
 * <p>A send the Bot API accepted is done under the key {@code tg:{chat id}:{message_id}}: the key
 * the decoder gives the message a tap names, so that a tap is traced back to the offer.
 */
@Singleton
public final class TelegramBotApiMessagingChannel implements MessagingChannel, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TelegramBotApiMessagingChannel.class);
  private static final long MB = 1024L * 1024;

  /** This channel's name. */
  public static final ChannelId CHANNEL = new ChannelId("telegram");

  /**
   * What a Telegram bot carries: texts of 4,096 characters, captions of 1,024, a hundred buttons to
   * tap; images up to 10 MB, other files up to 20 MB (the most {@code getFile} lets a bot download;
   * uploads may be 50 MB); free text at any time, no templates, nothing reported after a send is
   * accepted.
   */
  public static final ChannelCapabilities CAPABILITIES =
      new ChannelCapabilities(
          4096,
          1024,
          100,
          Map.of(
              MediaKind.IMAGE, 10 * MB,
              MediaKind.VIDEO, 20 * MB,
              MediaKind.AUDIO, 20 * MB,
              MediaKind.DOCUMENT, 20 * MB,
              MediaKind.STICKER, 20 * MB),
          null,
          false,
          false);

  private final TelegramBots bots;
  private final JsonMapper json;
  private final BotApi api;
  private final BotApiFileFetch files;

  @Inject
  public TelegramBotApiMessagingChannel(
      TelegramSettings settings, TelegramBots bots, JsonMapper json) {
    this(settings, bots, json, Clock.systemUTC());
  }

  /** With the clock that HTTP-date {@code Retry-After} headers are measured against. */
  public TelegramBotApiMessagingChannel(
      TelegramSettings settings, TelegramBots bots, JsonMapper json, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    this.bots = Objects.requireNonNull(bots, "bots");
    this.json = Objects.requireNonNull(json, "json");
    this.api = new BotApi(settings, json, clock);
    this.files = new BotApiFileFetch(api, settings, json, clock);
  }

  @Override
  public ChannelId channel() {
    return CHANNEL;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ---------------------------------------------------------------- send

  /** Sends to the chat the route names (else the customer's own chat, whose id is theirs). */
  @Override
  public DispatchOutcome send(ChannelSend send) {
    Optional<TelegramBots.Bot> bot = bots.ofConnection(send.connection());
    if (bot.isEmpty()) {
      return notConfigured(send.connection());
    }
    String chatId = chatId(send.route(), send.message().recipient());
    SendCalls.Call call;
    try {
      call = SendCalls.of(send.message().content(), chatId, send.attachment(), json);
    } catch (RuntimeException unsendable) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "the message cannot be sent on Telegram ("
                  + unsendable.getClass().getSimpleName()
                  + ")"));
    }
    if (call instanceof SendCalls.Unsendable unsendable) {
      return new DispatchOutcome.Refused(unsendable.failure());
    }
    String token = bot.get().token();
    BotApi.Result result =
        call instanceof SendCalls.Json request
            ? api.call(token, request.method(), request.request())
            : api.upload(
                token, ((SendCalls.Upload) call).method(), ((SendCalls.Upload) call).form());
    return outcome(result, "the message", accepted -> sent(accepted, chatId));
  }

  private DispatchOutcome sent(@Nullable JsonNode result, String chatId) {
    Message message = null;
    try {
      message =
          result == null || !result.isObject()
              ? null
              : json.readValueFromTree(result, Message.class);
    } catch (IOException | RuntimeException unreadable) {
      // accepted all the same: sending again would send twice
    }
    if (message == null || message.messageId() == null) {
      LOG.warn("the Bot API accepted a send but gave no message id; a tap on it cannot be traced");
      return DispatchOutcome.Done.withoutIds();
    }
    String chat =
        message.chat() != null && message.chat().id() != null
            ? String.valueOf(message.chat().id())
            : chatId;
    return new DispatchOutcome.Done(List.of("tg:" + chat + ":" + message.messageId()));
  }

  // ---------------------------------------------------------------- typing, taps

  /** Shows "typing…" in the customer's chat ({@code sendChatAction}). */
  @Override
  public DispatchOutcome showTyping(
      ConnectionId connection,
      CustomerId customer,
      @Nullable ReplyRoute route,
      String customerMessageId) {
    Optional<TelegramBots.Bot> bot = bots.ofConnection(connection);
    if (bot.isEmpty()) {
      return notConfigured(connection);
    }
    ChatActionRequest typing = ChatActionRequest.typing(chatId(route, customer));
    return outcome(
        api.call(bot.get().token(), "sendChatAction", typing),
        "the typing action",
        accepted -> DispatchOutcome.Done.withoutIds());
  }

  /** Answers the tap whose id {@code token} is ({@code answerCallbackQuery}). */
  @Override
  public DispatchOutcome acknowledge(ConnectionId connection, String token) {
    if (token == null || token.isBlank()) {
      return DispatchOutcome.Done.withoutIds();
    }
    Optional<TelegramBots.Bot> bot = bots.ofConnection(connection);
    if (bot.isEmpty()) {
      return notConfigured(connection);
    }
    return outcome(
        api.call(
            bot.get().token(),
            "answerCallbackQuery",
            new AnswerCallbackQueryRequest(token.strip())),
        "the answer to a tap",
        accepted -> DispatchOutcome.Done.withoutIds());
  }

  // ---------------------------------------------------------------- fetch

  /** See {@link BotApiFileFetch}; by the connection's bot. */
  @Override
  public FetchOutcome fetchMedia(
      ConnectionId connection, InboundContent.Media media, long maxBytes) {
    Optional<TelegramBots.Bot> bot = bots.ofConnection(connection);
    if (bot.isEmpty()) {
      return new FetchOutcome.Unavailable(noBot(connection));
    }
    try {
      return files.fetch(media, maxBytes, bot.get().token());
    } catch (RuntimeException broken) {
      // never an exception whose message may carry a URL, and so the token
      return new FetchOutcome.RetryLater(
          null, "fetching the file failed (" + broken.getClass().getSimpleName() + ")");
    }
  }

  // ---------------------------------------------------------------- outcomes

  private static DispatchOutcome outcome(
      BotApi.Result result, String what, Function<JsonNode, DispatchOutcome> onAccepted) {
    if (result instanceof BotApi.Accepted accepted) {
      return onAccepted.apply(accepted.result());
    }
    if (result instanceof BotApi.Passing passing) {
      return new DispatchOutcome.RetryLater(passing.notBefore(), passing.reason());
    }
    BotApi.Refused refused = (BotApi.Refused) result;
    if (refused.errorCode() == 403) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.INVALID_DESTINATION,
              "the customer blocked the bot or never started it (" + refused.description() + ")"));
    }
    return new DispatchOutcome.Refused(
        new DeliveryFailure(
            FailureReason.GENERAL_ERROR,
            "Telegram refused " + what + ": " + refused.description()));
  }

  private static String chatId(@Nullable ReplyRoute route, CustomerId customer) {
    return route != null ? route.value() : customer.value();
  }

  private static DispatchOutcome notConfigured(ConnectionId connection) {
    return new DispatchOutcome.Refused(noBot(connection));
  }

  private static DeliveryFailure noBot(ConnectionId connection) {
    return new DeliveryFailure(
        FailureReason.GENERAL_ERROR, "no Telegram bot is configured for connection " + connection);
  }

  /** Closes the HTTP clients. */
  @PreDestroy
  @Override
  public void close() {
    api.close();
    files.close();
  }
}
