package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.telegram.api.Audio;
import dev.switchboard.adapters.telegram.api.Contact;
import dev.switchboard.adapters.telegram.api.Document;
import dev.switchboard.adapters.telegram.api.Location;
import dev.switchboard.adapters.telegram.api.PhotoSize;
import dev.switchboard.adapters.telegram.api.Sticker;
import dev.switchboard.adapters.telegram.api.Venue;
import dev.switchboard.adapters.telegram.api.Video;
import dev.switchboard.adapters.telegram.api.Voice;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a customer's Telegram message shows the agent: the one place that knows message kinds.
 * Telegram messages have no type field: the kind is the field that holds its object.
 *
 * <ul>
 *   <li>{@code text} is carried as it is;
 *   <li>{@code photo} (its largest size), {@code document} (an animation carries one too), {@code
 *       video}, {@code audio}, {@code voice} and {@code sticker} become {@link
 *       InboundContent.Media}, still held by Telegram under their {@code file_id}, with the
 *       caption;
 *   <li>{@code location} and {@code venue} become a readable text with the coordinates and a maps
 *       link, as WhatsApp's locations do; {@code contact} the name and number as shared;
 *   <li>every other kind (poll, dice, game, video note, ...) a text saying what the customer sent,
 *       so that nothing is silently lost.
 * </ul>
 */
final class InboundContentRendering {

  private static final String MAPS = "https://maps.google.com/?q=";
  private static final int MAX_KIND_LENGTH = 40;

  /**
   * The kinds the bridge does not carry, in the order they are looked for: {@code video_note}
   * before anything a future message might carry along with it.
   */
  private static final List<String> OTHER_KINDS =
      List.of(
          "video_note",
          "animation",
          "poll",
          "dice",
          "game",
          "story",
          "paid_media",
          "checklist",
          "invoice",
          "successful_payment",
          "refunded_payment",
          "giveaway",
          "giveaway_winners",
          "giveaway_completed",
          "users_shared",
          "chat_shared",
          "web_app_data",
          "passport_data",
          "pinned_message");

  /** The fields of a message that say nothing of its kind (Bot API 9). */
  private static final Set<String> ENVELOPE =
      Set.of(
          "message_id",
          "message_thread_id",
          "direct_messages_topic",
          "from",
          "sender_chat",
          "sender_boost_count",
          "sender_business_bot",
          "date",
          "business_connection_id",
          "chat",
          "forward_origin",
          "forward_from",
          "forward_from_chat",
          "forward_from_message_id",
          "forward_signature",
          "forward_sender_name",
          "forward_date",
          "is_topic_message",
          "is_automatic_forward",
          "reply_to_message",
          "external_reply",
          "quote",
          "reply_to_story",
          "reply_to_checklist_task_id",
          "via_bot",
          "edit_date",
          "has_protected_content",
          "is_from_offline",
          "is_paid_post",
          "media_group_id",
          "author_signature",
          "paid_star_count",
          "text",
          "entities",
          "link_preview_options",
          "suggested_post_info",
          "effect_id",
          "caption",
          "caption_entities",
          "show_caption_above_media",
          "has_media_spoiler",
          "reply_markup");

  private final JsonMapper json;

  InboundContentRendering(JsonMapper json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * The content of one message.
   *
   * @param message the message's JSON
   * @param text its text, if a text message
   * @param caption its caption, if a media message
   * @throws IllegalArgumentException when the message cannot be used; the text describes the fault
   *     without any of the message's content
   */
  InboundContent render(JsonNode message, @Nullable String text, @Nullable String caption) {
    if (text != null) {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("a text message with an empty text");
      }
      return new InboundContent.Text(text);
    }
    String captionOrNull = isBlank(caption) ? null : caption;
    if (has(message, "photo")) {
      return photo(message, captionOrNull);
    }
    if (has(message, "document")) {
      Document document = object(message, "document", Document.class);
      return media(
          MediaKind.DOCUMENT,
          "document",
          document.fileId(),
          document.mimeType(),
          "application/octet-stream",
          document.fileName(),
          captionOrNull);
    }
    if (has(message, "video")) {
      Video video = object(message, "video", Video.class);
      return media(
          MediaKind.VIDEO,
          "video",
          video.fileId(),
          video.mimeType(),
          "video/mp4",
          video.fileName(),
          captionOrNull);
    }
    if (has(message, "audio")) {
      Audio audio = object(message, "audio", Audio.class);
      return media(
          MediaKind.AUDIO,
          "audio",
          audio.fileId(),
          audio.mimeType(),
          "audio/mpeg",
          audio.fileName(),
          captionOrNull);
    }
    if (has(message, "voice")) {
      Voice voice = object(message, "voice", Voice.class);
      return media(
          MediaKind.AUDIO,
          "voice",
          voice.fileId(),
          voice.mimeType(),
          "audio/ogg",
          null,
          captionOrNull);
    }
    if (has(message, "sticker")) {
      Sticker sticker = object(message, "sticker", Sticker.class);
      String mimeType =
          Boolean.TRUE.equals(sticker.isVideo())
              ? "video/webm"
              : Boolean.TRUE.equals(sticker.isAnimated())
                  ? "application/x-tgsticker"
                  : "image/webp";
      return media(MediaKind.STICKER, "sticker", sticker.fileId(), null, mimeType, null, null);
    }
    if (has(message, "venue")) {
      Venue venue = object(message, "venue", Venue.class);
      return location(venue.location(), venue.title(), venue.address());
    }
    if (has(message, "location")) {
      return location(object(message, "location", Location.class), null, null);
    }
    if (has(message, "contact")) {
      return contact(object(message, "contact", Contact.class));
    }
    return new InboundContent.Text(
        note(kind(message)) + (captionOrNull == null ? "" : "\n" + caption));
  }

  /** Whether {@code message} is a live location: each of its moves comes as an edit. */
  boolean isLiveLocation(JsonNode message) {
    if (!has(message, "location") || has(message, "venue")) {
      return false;
    }
    try {
      Location location = json.readValueFromTree(message.get("location"), Location.class);
      return location != null && location.isLive();
    } catch (IOException | RuntimeException wrongShape) {
      return false;
    }
  }

  // ---------------------------------------------------------------- media

  private InboundContent photo(JsonNode message, @Nullable String caption) {
    JsonNode sizes = message.get("photo");
    if (!sizes.isArray()) {
      throw new IllegalArgumentException("photo is not an array");
    }
    List<PhotoSize> photo;
    try {
      photo = json.readValueFromTree(sizes, Argument.listOf(PhotoSize.class));
    } catch (IOException | RuntimeException wrongShape) {
      throw new IllegalArgumentException(
          "photo has sizes of the wrong shape (" + wrongShape.getClass().getSimpleName() + ")");
    }
    PhotoSize largest =
        photo == null
            ? null
            : photo.stream()
                .filter(size -> size != null && !isBlank(size.fileId()))
                .max(
                    Comparator.comparingLong((PhotoSize size) -> orZero(size.fileSize()))
                        .thenComparingLong(size -> orZero(size.width()) * orZero(size.height())))
                .orElse(null);
    if (largest == null) {
      throw new IllegalArgumentException("a photo without any size that has a file_id");
    }
    return new InboundContent.Media(
        MediaKind.IMAGE, largest.fileId().strip(), "image/jpeg", null, null, caption);
  }

  private static InboundContent media(
      MediaKind kind,
      String field,
      @Nullable String fileId,
      @Nullable String mimeType,
      String defaultMimeType,
      @Nullable String filename,
      @Nullable String caption) {
    if (isBlank(fileId)) {
      throw new IllegalArgumentException(article(field) + " " + field + " without its file_id");
    }
    return new InboundContent.Media(
        kind,
        fileId.strip(),
        isBlank(mimeType) ? defaultMimeType : mimeType.strip(),
        null,
        isBlank(filename) ? null : filename.strip(),
        caption);
  }

  // ---------------------------------------------------------------- rendered as text

  private static InboundContent location(
      @Nullable Location location, @Nullable String name, @Nullable String address) {
    BigDecimal latitude = location == null ? null : coordinate(location.latitude(), 90);
    BigDecimal longitude = location == null ? null : coordinate(location.longitude(), 180);
    if (latitude == null || longitude == null) {
      throw new IllegalArgumentException("a location without usable coordinates");
    }
    StringBuilder text =
        new StringBuilder(
            location.isLive()
                ? "[The customer shared a live location]"
                : "[The customer shared a location]");
    line(text, name);
    line(text, address);
    line(text, latitude.toPlainString() + ", " + longitude.toPlainString());
    line(text, MAPS + latitude.toPlainString() + "," + longitude.toPlainString());
    return new InboundContent.Text(text.toString());
  }

  private static @Nullable BigDecimal coordinate(@Nullable BigDecimal degrees, int bound) {
    return degrees != null && degrees.abs().compareTo(BigDecimal.valueOf(bound)) <= 0
        ? degrees
        : null;
  }

  private static InboundContent contact(Contact contact) {
    String name = joined(contact.firstName(), contact.lastName());
    if (name == null && isBlank(contact.phoneNumber())) {
      throw new IllegalArgumentException("a contact without a name or a phone number");
    }
    StringBuilder text = new StringBuilder("[The customer shared a contact]");
    line(text, name == null ? "(no name)" : name);
    if (!isBlank(contact.phoneNumber())) {
      line(text, "Phone: " + contact.phoneNumber().strip());
    }
    return new InboundContent.Text(text.toString());
  }

  /** What the customer sent, as words: {@code video_note} is "a video note". */
  static String note(String kind) {
    return kind.isEmpty()
        ? "[The customer sent a message of a kind the bridge does not carry]"
        : "[The customer sent " + article(kind) + " " + kind + ", which the bridge does not carry]";
  }

  /** The message's kind as readable words; empty when it cannot be told. */
  private static String kind(JsonNode message) {
    for (String kind : OTHER_KINDS) {
      if (has(message, kind)) {
        return readable(kind);
      }
    }
    for (Map.Entry<String, JsonNode> field : message.entries()) {
      if (!ENVELOPE.contains(field.getKey()) && !field.getValue().isNull()) {
        return readable(field.getKey());
      }
    }
    return "";
  }

  // ---------------------------------------------------------------- helpers

  private <T> T object(JsonNode message, String field, Class<T> type) {
    JsonNode node = message.get(field);
    if (!node.isObject()) {
      throw new IllegalArgumentException(field + " is not an object");
    }
    T value;
    try {
      value = json.readValueFromTree(node, type);
    } catch (IOException | RuntimeException wrongShape) {
      // the exception's message may quote the payload: name only its kind
      throw new IllegalArgumentException(
          field + " has fields of the wrong shape (" + wrongShape.getClass().getSimpleName() + ")");
    }
    if (value == null) {
      throw new IllegalArgumentException(field + " is empty");
    }
    return value;
  }

  private static boolean has(JsonNode message, String field) {
    JsonNode node = message.get(field);
    return node != null && !node.isNull();
  }

  private static void line(StringBuilder text, @Nullable String line) {
    if (!isBlank(line)) {
      text.append('\n').append(line.strip());
    }
  }

  private static @Nullable String joined(@Nullable String first, @Nullable String second) {
    String whole =
        ((first == null ? "" : first.strip()) + " " + (second == null ? "" : second.strip()))
            .strip();
    return whole.isEmpty() ? null : whole;
  }

  /** A field name as words: lowercase letters, digits and spaces only, never anything else. */
  private static String readable(String field) {
    String words =
        field.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_ ]", "").replace('_', ' ').strip();
    return words.length() > MAX_KIND_LENGTH ? words.substring(0, MAX_KIND_LENGTH).strip() : words;
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
