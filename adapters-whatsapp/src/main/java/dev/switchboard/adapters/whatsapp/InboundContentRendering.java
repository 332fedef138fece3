package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.WebhookButton;
import dev.switchboard.adapters.whatsapp.api.WebhookContext;
import dev.switchboard.adapters.whatsapp.api.WebhookInteractive;
import dev.switchboard.adapters.whatsapp.api.WebhookLocation;
import dev.switchboard.adapters.whatsapp.api.WebhookMedia;
import dev.switchboard.adapters.whatsapp.api.WebhookMessage;
import dev.switchboard.adapters.whatsapp.api.WebhookOrder;
import dev.switchboard.adapters.whatsapp.api.WebhookReaction;
import dev.switchboard.adapters.whatsapp.api.WebhookReferral;
import dev.switchboard.adapters.whatsapp.api.WebhookSharedContact;
import dev.switchboard.adapters.whatsapp.api.WebhookSystem;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a customer's WhatsApp message shows the agent: the one place that knows message types.
 *
 * <ul>
 *   <li>text is carried as it is;
 *   <li>image, video, audio (voice notes too), document and sticker become {@link
 *       InboundContent.Media}, still held by Meta under their media id;
 *   <li>a tap on a reply button or list row that answers an interactive message becomes {@link
 *       InboundContent.ReplyTap};
 *   <li>location, contacts, reaction, order, system, a template's quick-reply button, and every
 *       other type become readable text, so that nothing a customer sends is silently lost.
 * </ul>
 *
 * <p>The customer's own words (a text, a caption, a button's text) are carried exactly as given.
 * Beside the content, metadata ({@link InboundMetadata}): the ad a message came from, the message
 * it quotes, whether it was forwarded, the product asked about, a quick-reply button's payload.
 */
final class InboundContentRendering {

  private static final int MAX_TYPE_LENGTH = 40;
  private static final String MAPS = "https://maps.google.com/?q=";

  /** The content and metadata of one message. */
  record Rendered(InboundContent content, Map<String, String> metadata) {}

  private final JsonMapper json;

  InboundContentRendering(JsonMapper json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * The content and metadata of one message.
   *
   * @param message the message's wire record
   * @param item the message's JSON, for the objects of each type
   * @throws IllegalArgumentException when the message cannot be used; the text describes the fault
   *     without any of the message's content
   */
  Rendered render(WebhookMessage message, JsonNode item) {
    Map<String, String> metadata = new LinkedHashMap<>();
    InboundMetadata.referral(read(item, "referral", WebhookReferral.class), metadata);
    WebhookContext context = read(item, "context", WebhookContext.class);
    InboundMetadata.context(context, metadata);
    String type = message.type() == null ? "" : message.type();
    return new Rendered(content(type, message, item, context, metadata), metadata);
  }

  private InboundContent content(
      String type,
      WebhookMessage message,
      JsonNode item,
      @Nullable WebhookContext context,
      Map<String, String> metadata) {
    switch (type) {
      case "text":
        String body = message.text() == null ? null : message.text().body();
        if (body == null || body.isEmpty()) {
          throw new IllegalArgumentException("a text message without text.body");
        }
        return new InboundContent.Text(body);
      case "image":
        return media(MediaKind.IMAGE, type, item, "image/jpeg");
      case "video":
        return media(MediaKind.VIDEO, type, item, "video/mp4");
      case "audio":
        return media(MediaKind.AUDIO, type, item, "audio/ogg");
      case "document":
        return media(MediaKind.DOCUMENT, type, item, "application/octet-stream");
      case "sticker":
        return media(MediaKind.STICKER, type, item, "image/webp");
      case "location":
        return location(item);
      case "contacts":
        return contacts(item);
      case "reaction":
        return reaction(item);
      case "order":
        return order(item);
      case "system":
        return system(item);
      case "interactive":
        return interactive(item, context);
      case "button":
        return button(item, metadata);
      default:
        return new InboundContent.Text(note(message.type(), item));
    }
  }

  // ---------------------------------------------------------------- media

  private InboundContent media(MediaKind kind, String type, JsonNode item, String defaultMime) {
    JsonNode node = item.get(type);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          article(type) + " " + type + " message without its " + type + " object");
    }
    WebhookMedia media;
    try {
      media = json.readValueFromTree(node, WebhookMedia.class);
    } catch (IOException | RuntimeException wrongShape) {
      throw new IllegalArgumentException(
          "the " + type + " object has fields of the wrong shape", wrongShape);
    }
    if (media == null || isBlank(media.id())) {
      throw new IllegalArgumentException(
          article(type) + " " + type + " message without " + type + ".id");
    }
    return new InboundContent.Media(
        kind,
        media.id().strip(),
        isBlank(media.mimeType()) ? defaultMime : media.mimeType().strip(),
        hexSha256(media.sha256()),
        blankToNull(media.filename()),
        blankToNull(media.caption()));
  }

  /**
   * The hash as hex: Meta states it in base64, some tools in hex; anything that is neither (32
   * bytes either way) is dropped rather than failing every check.
   */
  static @Nullable String hexSha256(@Nullable String stated) {
    if (isBlank(stated)) {
      return null;
    }
    String value = stated.strip();
    if (value.length() == 64 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return value.toLowerCase(Locale.ROOT);
    }
    try {
      byte[] digest =
          value.contains("-") || value.contains("_")
              ? Base64.getUrlDecoder().decode(value)
              : Base64.getDecoder().decode(value);
      return digest.length == 32 ? HexFormat.of().formatHex(digest) : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  // ---------------------------------------------------------------- rendered as text

  private InboundContent location(JsonNode item) {
    WebhookLocation location = read(item, "location", WebhookLocation.class);
    if (location == null) {
      return new InboundContent.Text(note("location", item));
    }
    StringBuilder text = new StringBuilder("[The customer shared a location]");
    line(text, location.name());
    line(text, location.address());
    BigDecimal latitude = coordinate(location.latitude(), 90);
    BigDecimal longitude = coordinate(location.longitude(), 180);
    if (latitude != null && longitude != null) {
      String where = latitude.toPlainString() + "," + longitude.toPlainString();
      line(text, latitude.toPlainString() + ", " + longitude.toPlainString());
      line(text, MAPS + where);
    }
    line(text, location.url());
    return new InboundContent.Text(text.toString());
  }

  private static @Nullable BigDecimal coordinate(@Nullable String value, int bound) {
    if (isBlank(value)) {
      return null;
    }
    try {
      BigDecimal degrees = new BigDecimal(value.strip());
      return degrees.abs().compareTo(BigDecimal.valueOf(bound)) <= 0 ? degrees : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private InboundContent contacts(JsonNode item) {
    List<WebhookSharedContact> contacts =
        readList(item, "contacts", Argument.listOf(WebhookSharedContact.class));
    if (contacts == null || contacts.isEmpty()) {
      return new InboundContent.Text(note("contacts", item));
    }
    StringBuilder text =
        new StringBuilder(
            contacts.size() == 1
                ? "[The customer shared a contact]"
                : "[The customer shared " + contacts.size() + " contacts]");
    for (WebhookSharedContact contact : contacts) {
      if (contact == null) {
        continue;
      }
      text.append('\n');
      line(text, contactName(contact));
      if (contact.org() != null) {
        line(text, joined(" \u00b7 ", contact.org().company(), contact.org().title()));
      }
      for (WebhookSharedContact.Phone phone : orEmpty(contact.phones())) {
        String number = phone == null ? null : firstNonBlank(phone.phone(), plus(phone.waId()));
        if (!isBlank(number)) {
          line(text, "Phone: " + number + typed(phone.type()));
        }
      }
      for (WebhookSharedContact.Email email : orEmpty(contact.emails())) {
        if (email != null && !isBlank(email.email())) {
          line(text, "Email: " + email.email() + typed(email.type()));
        }
      }
    }
    return new InboundContent.Text(text.toString());
  }

  private static String contactName(WebhookSharedContact contact) {
    WebhookSharedContact.Name name = contact.name();
    if (name == null) {
      return "(no name)";
    }
    String whole =
        firstNonBlank(name.formattedName(), joined(" ", name.firstName(), name.lastName()));
    return isBlank(whole) ? "(no name)" : whole;
  }

  private InboundContent reaction(JsonNode item) {
    WebhookReaction reaction = read(item, "reaction", WebhookReaction.class);
    if (reaction == null) {
      return new InboundContent.Text(note("reaction", item));
    }
    String to = isBlank(reaction.messageId()) ? "a message" : "message " + reaction.messageId();
    if (isBlank(reaction.emoji())) {
      return new InboundContent.Text("[The customer removed their reaction to " + to + "]");
    }
    return new InboundContent.Text(
        "[The customer reacted with " + reaction.emoji().strip() + " to " + to + "]");
  }

  private InboundContent order(JsonNode item) {
    WebhookOrder order = read(item, "order", WebhookOrder.class);
    if (order == null) {
      return new InboundContent.Text(note("order", item));
    }
    List<WebhookOrder.Item> items = orEmpty(order.productItems());
    StringBuilder text =
        new StringBuilder(
            "[The customer placed an order of "
                + items.size()
                + (items.size() == 1 ? " item" : " items")
                + (isBlank(order.catalogId()) ? "" : " from catalog " + order.catalogId())
                + "]");
    for (WebhookOrder.Item product : items) {
      if (product == null) {
        continue;
      }
      String quantity = isBlank(product.quantity()) ? "1" : product.quantity().strip();
      String price =
          isBlank(product.itemPrice())
              ? ""
              : " at "
                  + product.itemPrice().strip()
                  + (isBlank(product.currency()) ? "" : " " + product.currency().strip())
                  + " each";
      line(
          text,
          "- "
              + quantity
              + " \u00d7 "
              + firstNonBlank(product.productRetailerId(), "(unknown product)")
              + price);
    }
    if (!isBlank(order.text())) {
      line(text, "Note: " + order.text().strip());
    }
    return new InboundContent.Text(text.toString());
  }

  private InboundContent system(JsonNode item) {
    WebhookSystem system = read(item, "system", WebhookSystem.class);
    if (system == null) {
      return new InboundContent.Text(note("system", item));
    }
    if (!isBlank(system.body())) {
      return new InboundContent.Text("[WhatsApp notice] " + system.body().strip());
    }
    if ("user_changed_number".equals(system.type())
        || "customer_changed_number".equals(system.type())) {
      return new InboundContent.Text(
          "[WhatsApp notice] The customer changed their phone number"
              + (isBlank(system.newPhone()) ? "" : " to " + plus(system.newPhone())));
    }
    return new InboundContent.Text(
        "[WhatsApp notice] "
            + (isBlank(system.type()) ? "a system message" : readable(system.type())));
  }

  private InboundContent interactive(JsonNode item, @Nullable WebhookContext context) {
    WebhookInteractive interactive = read(item, "interactive", WebhookInteractive.class);
    if (interactive == null) {
      return new InboundContent.Text(note("interactive", item));
    }
    WebhookInteractive.Reply reply =
        "button_reply".equals(interactive.type())
            ? interactive.buttonReply()
            : "list_reply".equals(interactive.type()) ? interactive.listReply() : null;
    if (reply != null) {
      if (isBlank(reply.id()) && isBlank(reply.title())) {
        throw new IllegalArgumentException(
            "an interactive " + interactive.type() + " without an id or a title");
      }
      String title = firstNonBlank(reply.title(), reply.id());
      if (context == null || isBlank(context.id()) || isBlank(reply.id())) {
        return new InboundContent.Text(title);
      }
      return new InboundContent.ReplyTap(reply.id(), title, context.id());
    }
    if ("nfm_reply".equals(interactive.type()) && interactive.nfmReply() != null) {
      WebhookInteractive.FormReply form = interactive.nfmReply();
      StringBuilder text = new StringBuilder("[The customer submitted a form");
      text.append(isBlank(form.name()) ? "]" : ": " + form.name().strip() + "]");
      line(text, form.body());
      line(text, form.responseJson());
      return new InboundContent.Text(text.toString());
    }
    return new InboundContent.Text(
        "[The customer answered an interactive message in a way that cannot be shown here]");
  }

  private InboundContent button(JsonNode item, Map<String, String> metadata) {
    WebhookButton button = read(item, "button", WebhookButton.class);
    if (button == null || (isBlank(button.text()) && isBlank(button.payload()))) {
      return new InboundContent.Text(note("button", item));
    }
    if (!isBlank(button.payload())) {
      metadata.put(InboundMetadata.BUTTON_PAYLOAD, button.payload());
    }
    if (isBlank(button.text())) {
      return new InboundContent.Text("(payload: " + button.payload() + ")");
    }
    return new InboundContent.Text(button.text());
  }

  /** The note for a message the bridge cannot show, e.g. for a hologram. */
  static String note(@Nullable String type, JsonNode item) {
    String kind = readable(type);
    if (kind.isEmpty()) {
      return "[The customer sent a message of a kind that cannot be shown here]";
    }
    if (kind.equals("unsupported") || kind.equals("unknown")) {
      JsonNode inner = item.get(type);
      JsonNode innerType = inner == null || !inner.isObject() ? null : inner.get("type");
      String what =
          innerType != null && innerType.isString() ? readable(innerType.getStringValue()) : "";
      return what.isEmpty()
          ? "[The customer sent a message that WhatsApp does not support, so it cannot be shown"
              + " here]"
          : "[The customer sent "
              + article(what)
              + " "
              + what
              + " message, which WhatsApp does not support, so it cannot be shown here]";
    }
    return "[The customer sent "
        + article(kind)
        + " "
        + kind
        + " message, which cannot be shown here]"
        + caption(item, type);
  }

  private static String caption(JsonNode item, String type) {
    JsonNode object = item.get(type);
    JsonNode caption = object == null || !object.isObject() ? null : object.get("caption");
    return caption != null && caption.isString() && !caption.getStringValue().isBlank()
        ? "\n" + caption.getStringValue()
        : "";
  }

  // ---------------------------------------------------------------- helpers

  /** The object {@code field} of the message as {@code type}; {@code null} when absent or odd. */
  private <T> @Nullable T read(JsonNode item, String field, Class<T> type) {
    JsonNode node = item.get(field);
    if (node == null || !node.isObject()) {
      return null;
    }
    try {
      return json.readValueFromTree(node, type);
    } catch (IOException | RuntimeException wrongShape) {
      return null;
    }
  }

  private <T> @Nullable List<T> readList(JsonNode item, String field, Argument<List<T>> type) {
    JsonNode node = item.get(field);
    if (node == null || !node.isArray()) {
      return null;
    }
    try {
      return json.readValueFromTree(node, type);
    } catch (IOException | RuntimeException wrongShape) {
      return null;
    }
  }

  private static void line(StringBuilder text, @Nullable String line) {
    if (!isBlank(line)) {
      text.append('\n').append(line.strip());
    }
  }

  private static String typed(@Nullable String type) {
    return isBlank(type) ? "" : " (" + type.strip().toLowerCase(Locale.ROOT) + ")";
  }

  private static @Nullable String plus(@Nullable String waId) {
    return isBlank(waId) ? null : "+" + waId.strip();
  }

  private static @Nullable String joined(String separator, @Nullable String... parts) {
    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      if (!isBlank(part)) {
        joined.append(joined.length() == 0 ? "" : separator).append(part.strip());
      }
    }
    return joined.length() == 0 ? null : joined.toString();
  }

  private static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
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

  private static @Nullable String blankToNull(@Nullable String value) {
    return isBlank(value) ? null : value;
  }

  private static String firstNonBlank(@Nullable String first, @Nullable String second) {
    return isBlank(first) ? second : first;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
