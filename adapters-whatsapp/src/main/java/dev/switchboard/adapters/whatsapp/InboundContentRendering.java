package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.WebhookMessage;
import dev.switchboard.domain.message.InboundContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.util.Locale;

/**
 * What a customer's WhatsApp message shows the agent: the one place that knows message types. Text
 * is carried as it is; every other type becomes a readable note (with its caption, if it has one)
 * until it is rendered properly, so that nothing a customer sends is silently lost.
 */
final class InboundContentRendering {

  private static final int MAX_TYPE_LENGTH = 40;

  private InboundContentRendering() {}

  /**
   * The content of one message.
   *
   * @param message the message's wire record
   * @param item the message's JSON, for the fields of types the wire record does not model
   * @throws IllegalArgumentException when the message cannot be used; the text describes the fault
   *     without any of the message's content
   */
  static InboundContent render(WebhookMessage message, JsonNode item) {
    if ("text".equals(message.type())) {
      String body = message.text() == null ? null : message.text().body();
      if (body == null || body.isEmpty()) {
        throw new IllegalArgumentException("a text message without text.body");
      }
      return new InboundContent.Text(body);
    }
    return new InboundContent.Text(note(message.type()) + caption(item, message.type()));
  }

  /** The note for a message the bridge cannot show, e.g. for a sticker. */
  static String note(@Nullable String type) {
    String kind = readable(type);
    if (kind.isEmpty()) {
      return "[The customer sent a message of a kind that cannot be shown here]";
    }
    if (kind.equals("unsupported")) {
      return "[The customer sent a message that WhatsApp does not support, so it cannot be shown"
          + " here]";
    }
    return "[The customer sent "
        + article(kind)
        + " "
        + kind
        + " message, which cannot be shown here]";
  }

  private static String caption(JsonNode item, @Nullable String type) {
    if (type == null) {
      return "";
    }
    JsonNode object = item.get(type);
    JsonNode caption = object == null || !object.isObject() ? null : object.get("caption");
    return caption != null && caption.isString() && !caption.getStringValue().isBlank()
        ? "\n" + caption.getStringValue()
        : "";
  }

  /** The type as words: lowercase letters, digits and spaces only, never anything else. */
  private static String readable(@Nullable String type) {
    if (type == null) {
      return "";
    }
    String words =
        type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_ ]", "").replace('_', ' ').strip();
    return words.length() > MAX_TYPE_LENGTH ? words.substring(0, MAX_TYPE_LENGTH).strip() : words;
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }
}
