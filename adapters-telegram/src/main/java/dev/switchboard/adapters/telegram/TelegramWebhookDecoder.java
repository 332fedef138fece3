package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.telegram.api.CallbackQuery;
import dev.switchboard.adapters.telegram.api.Chat;
import dev.switchboard.adapters.telegram.api.InlineKeyboardMarkup;
import dev.switchboard.adapters.telegram.api.Message;
import dev.switchboard.adapters.telegram.api.User;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.WebhookDecoder;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes Telegram's updates ({@code Update}, one per webhook) leniently, on the connection whose
 * webhook address they came to.
 *
 * <p>Only private chats are bridged. A {@code message} becomes a customer message keyed {@code
 * tg:{chat.id}:{message_id}} (the Telegram message key), from the sender's user id, with the chat's
 * id as the reply route; what each kind shows the agent is {@link InboundContentRendering}'s. An
 * {@code edited_message} becomes a new message keyed {@code
 * tg:{chat.id}:{message_id}:edited:{edit_date}} whose text (or caption) starts with {@value
 * #EDITED}; the moves of a live location, which Telegram sends as edits, are not forwarded. A
 * {@code callback_query} (a tap on an inline button) becomes a {@link InboundContent.ReplyTap}
 * answering the message {@code tg:{chat.id}:{message.message_id}}, keyed {@code tg:callback:{id}},
 * to be acknowledged with its id ({@code answerCallbackQuery}). Messages and taps from groups,
 * supergroups and channels, and every other update kind ({@code channel_post}, {@code
 * my_chat_member}, {@code inline_query}, ...), give nothing: no event, no problem.
 *
 * <p>Since the keys are the same for every redelivery of one {@code update_id}, the core's
 * de-duplication by message key makes a redelivered update have no second effect.
 *
 * <p>The body is read as a JSON tree first, then each part on its own: unknown fields and kinds
 * never fail. Problems name the update and the field, never a message's text or a person's id.
 */
@Singleton
public final class TelegramWebhookDecoder implements WebhookDecoder {

  /** The name of the webhooks this decodes. */
  public static final String SOURCE = "telegram";

  /** What an edited message's text starts with. */
  static final String EDITED = "(edited) ";

  /** The metadata key of the message an edit changes. */
  static final String EDITS = "edits";

  /** The metadata key of the message a message replies to. */
  static final String REPLY_TO = "replyTo";

  /** The metadata key saying a message was forwarded from elsewhere. */
  static final String FORWARDED = "forwarded";

  private static final long LATEST_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private final JsonMapper json;
  private final Clock clock;
  private final InboundContentRendering rendering;

  /**
   * @param clock the time of a tap, which Telegram does not date
   */
  @Inject
  public TelegramWebhookDecoder(JsonMapper json, Clock clock) {
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rendering = new InboundContentRendering(json);
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Decoded decode(WebhookSource source, byte[] body) {
    ConnectionId connection = source == null ? null : source.connection();
    if (connection == null) {
      return Decoded.unusable(
          "a Telegram update names no connection: it comes to /webhooks/telegram/{connection}");
    }
    JsonNode update;
    try {
      update = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException notJson) {
      return Decoded.unusable("the body is not JSON");
    }
    if (update == null || !update.isObject()) {
      return Decoded.unusable("the body is not a JSON object");
    }
    JsonNode updateId = update.get("update_id");
    if (updateId == null || !updateId.isNumber()) {
      return Decoded.unusable("not a Telegram update: update_id is missing or not a number");
    }
    String where = "update " + updateId.getLongValue();
    try {
      ChannelEvent event = event(connection, update, where);
      return new Decoded(event == null ? List.of() : List.of(event), List.of());
    } catch (IllegalArgumentException unusable) {
      return Decoded.unusable(unusable.getMessage());
    }
  }

  /** The update's event; {@code null} when it is none of the bridge's business. */
  private @Nullable ChannelEvent event(ConnectionId connection, JsonNode update, String where) {
    JsonNode message = present(update, "message");
    if (message != null) {
      return message(connection, message, false, where + ": message");
    }
    JsonNode edited = present(update, "edited_message");
    if (edited != null) {
      return message(connection, edited, true, where + ": edited_message");
    }
    JsonNode callback = present(update, "callback_query");
    if (callback != null) {
      return tap(connection, callback, where + ": callback_query");
    }
    return null; // channel posts, chat member changes, inline queries, polls, ...
  }

  // ---------------------------------------------------------------- messages

  private @Nullable ChannelEvent message(
      ConnectionId connection, JsonNode node, boolean edited, String where) {
    if (isOutsidePrivateChats(node)) {
      return null; // groups, supergroups and channels are not bridged
    }
    Message message = read(node, Message.class, where);
    if (message.chat() == null || message.chat().type() == null) {
      throw new IllegalArgumentException(where + " has no chat, or a chat without a type");
    }
    if (!message.chat().isPrivate()) {
      return null; // groups, supergroups and channels are not bridged
    }
    if (edited && rendering.isLiveLocation(node)) {
      return null; // a live location moving: the agent saw it when it was shared
    }
    long chatId = required(message.chat().id(), where, "chat.id");
    long messageId = required(message.messageId(), where, "message_id");
    Instant sentAt =
        epochSeconds(
            edited ? message.editDate() : message.date(), where, edited ? "edit_date" : "date");
    String key = key(chatId, messageId);
    Map<String, String> metadata = new LinkedHashMap<>();
    if (message.replyToMessage() != null && message.replyToMessage().messageId() != null) {
      metadata.put(REPLY_TO, key(chatId, message.replyToMessage().messageId()));
    }
    if (present(node, "forward_origin") != null || present(node, "forward_date") != null) {
      metadata.put(FORWARDED, "true");
    }
    InboundContent content;
    try {
      content = rendering.render(node, message.text(), message.caption());
    } catch (IllegalArgumentException unusable) {
      throw new IllegalArgumentException(where + ": " + unusable.getMessage(), unusable);
    }
    String channelMessageId = key;
    if (edited) {
      channelMessageId = key + ":edited:" + message.editDate();
      metadata.put(EDITS, key);
      content = markedEdited(content);
    }
    return new ChannelEvent.CustomerMessage(
        connection,
        new InboundMessage(
            channelMessageId,
            customer(message.from(), where),
            route(chatId),
            sentAt,
            content,
            metadata));
  }

  private static InboundContent markedEdited(InboundContent content) {
    if (content instanceof InboundContent.Text text) {
      return new InboundContent.Text(EDITED + text.body());
    }
    if (content instanceof InboundContent.Media media) {
      return new InboundContent.Media(
          media.kind(),
          media.mediaId(),
          media.mimeType(),
          media.sha256(),
          media.filename(),
          media.caption() == null ? EDITED.strip() : EDITED + media.caption());
    }
    return content;
  }

  // ---------------------------------------------------------------- taps

  private @Nullable ChannelEvent tap(ConnectionId connection, JsonNode node, String where) {
    if (node.isObject() && isOutsidePrivateChats(present(node, "message"))) {
      return null;
    }
    CallbackQuery query = read(node, CallbackQuery.class, where);
    Message message = query.message();
    if (message == null || message.chat() == null) {
      return null; // a tap on a message sent in inline mode: not in a chat the bridge serves
    }
    if (!message.chat().isPrivate()) {
      return null;
    }
    if (query.data() == null) {
      return null; // a game's button: the bridge offers none
    }
    if (isBlank(query.id())) {
      throw new IllegalArgumentException(where + " has no id");
    }
    long chatId = required(message.chat().id(), where, "message.chat.id");
    long messageId = required(message.messageId(), where, "message.message_id");
    InboundContent.ReplyTap tap =
        new InboundContent.ReplyTap(
            query.data(), title(message.replyMarkup(), query.data()), key(chatId, messageId));
    return new ChannelEvent.CustomerMessage(
        connection,
        new InboundMessage(
            "tg:callback:" + query.id().strip(),
            customer(query.from(), where),
            route(chatId),
            clock.instant(),
            tap),
        query.id().strip());
  }

  /** The text of the button that sends {@code data}; {@code data} itself when there is none. */
  private static String title(@Nullable InlineKeyboardMarkup markup, String data) {
    if (markup == null || markup.inlineKeyboard() == null) {
      return data;
    }
    for (List<InlineKeyboardMarkup.InlineKeyboardButton> row : markup.inlineKeyboard()) {
      if (row == null) {
        continue;
      }
      for (InlineKeyboardMarkup.InlineKeyboardButton button : row) {
        if (button != null && data.equals(button.callbackData()) && !isBlank(button.text())) {
          return button.text();
        }
      }
    }
    return data;
  }

  // ---------------------------------------------------------------- parts

  private static Customer customer(@Nullable User from, String where) {
    if (from == null || from.id() == null) {
      throw new IllegalArgumentException(where + " has no sender (from.id)");
    }
    String name = (orEmpty(from.firstName()) + " " + orEmpty(from.lastName())).strip();
    String handle = isBlank(from.username()) ? null : "@" + from.username().strip();
    return new Customer(
        CustomerId.opaque(String.valueOf(from.id())), name.isEmpty() ? handle : name, handle);
  }

  /**
   * Whether a message's chat is said to be other than private, before the rest of the message is
   * read: a malformed message from a group is none of the bridge's business either.
   */
  private static boolean isOutsidePrivateChats(@Nullable JsonNode message) {
    JsonNode chat = message == null || !message.isObject() ? null : present(message, "chat");
    JsonNode type = chat == null || !chat.isObject() ? null : present(chat, "type");
    return type != null && !(type.isString() && Chat.PRIVATE.equals(type.getStringValue()));
  }

  private static ReplyRoute route(long chatId) {
    return new ReplyRoute(String.valueOf(chatId));
  }

  /** The Telegram message key: {@code tg:{chat id}:{message id}}. */
  static String key(long chatId, long messageId) {
    return "tg:" + chatId + ":" + messageId;
  }

  private <T> T read(JsonNode node, Class<T> type, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " is not an object");
    }
    T value;
    try {
      value = json.readValueFromTree(node, type);
    } catch (IOException | RuntimeException wrongShape) {
      // the exception's message may quote the payload: name only its kind
      throw new IllegalArgumentException(
          where + " has fields of the wrong shape (" + wrongShape.getClass().getSimpleName() + ")");
    }
    if (value == null) {
      throw new IllegalArgumentException(where + " is empty");
    }
    return value;
  }

  private static long required(@Nullable Long value, String where, String field) {
    if (value == null) {
      throw new IllegalArgumentException(where + " has no " + field);
    }
    return value;
  }

  private static Instant epochSeconds(@Nullable Long seconds, String where, String field) {
    if (seconds == null) {
      throw new IllegalArgumentException(where + " has no " + field);
    }
    if (seconds <= 0 || seconds > LATEST_EPOCH_SECOND) {
      throw new IllegalArgumentException(where + ": " + field + " is out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static @Nullable JsonNode present(JsonNode object, String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value.strip();
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
