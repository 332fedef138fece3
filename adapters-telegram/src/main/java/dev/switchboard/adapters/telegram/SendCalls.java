package dev.switchboard.adapters.telegram;

import dev.switchboard.adapters.telegram.api.InlineKeyboardMarkup;
import dev.switchboard.adapters.telegram.api.SendMessageRequest;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.QuickReply;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one send to a customer becomes on the Bot API: the one place that knows which method each
 * content takes.
 *
 * <ul>
 *   <li>text: {@code sendMessage} (plain text: no {@code parse_mode});
 *   <li>quick replies: {@code sendMessage} with an inline keyboard, one button per row, each button
 *       sending back {@link QuickReply#idAt(int)} as its {@code callback_data};
 *   <li>an attachment: multipart with its bytes: {@code sendPhoto} (image), {@code sendDocument}
 *       (document, sticker), {@code sendVideo}, {@code sendVoice} (OGG audio: a voice note) or
 *       {@code sendAudio} (other audio), with the caption;
 *   <li>a card: {@code sendPhoto} with its image (or {@code sendMessage} without one), its title
 *       and description as the caption, its postbacks as buttons sending back {@link
 *       QuickReply#idAt(int)} and its links as {@code url} buttons, one per row;
 *   <li>templates, content that cannot be carried and sequences are refused: Telegram has no
 *       templates, and the core sends a sequence part by part.
 * </ul>
 */
final class SendCalls {

  /** The text of quick replies offered without a question. */
  static final String DEFAULT_QUESTION = "Please choose";

  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("image/jpeg", ".jpg"),
          Map.entry("image/png", ".png"),
          Map.entry("image/gif", ".gif"),
          Map.entry("image/webp", ".webp"),
          Map.entry("video/mp4", ".mp4"),
          Map.entry("video/webm", ".webm"),
          Map.entry("audio/ogg", ".ogg"),
          Map.entry("audio/mpeg", ".mp3"),
          Map.entry("audio/mp4", ".m4a"),
          Map.entry("application/pdf", ".pdf"));

  private SendCalls() {}

  /** One call to make. */
  sealed interface Call permits Json, Upload, Unsendable {}

  /** A JSON call: {@code method} with {@code request}. */
  record Json(String method, Object request) implements Call {}

  /** A multipart call: {@code method} with {@code form}, the file among its parts. */
  record Upload(String method, MultipartBody form) implements Call {}

  /** Content Telegram cannot take: no call is made. */
  record Unsendable(DeliveryFailure failure) implements Call {}

  /**
   * The call that sends {@code content} to {@code chatId}.
   *
   * @param attachment the bytes of an attachment or a card's image; {@code null} for other content
   * @param json writes a card's buttons into the form of a {@code sendPhoto}
   */
  static Call of(
      OutboundContent content, String chatId, @Nullable MediaBytes attachment, JsonMapper json) {
    if (content instanceof OutboundContent.Text text) {
      if (text.body().isBlank()) {
        return new Unsendable(
            new DeliveryFailure(
                FailureReason.INVALID_MESSAGE_STRUCTURE, "an empty text cannot be sent"));
      }
      return new Json("sendMessage", new SendMessageRequest(chatId, text.body(), null));
    }
    if (content instanceof OutboundContent.QuickReplies offer) {
      return new Json("sendMessage", quickReplies(offer, chatId));
    }
    if (content instanceof OutboundContent.Media media) {
      if (attachment == null) {
        return new Unsendable(
            new DeliveryFailure(
                FailureReason.GENERAL_ERROR, "the attachment's bytes did not come with it"));
      }
      return upload(media, chatId, attachment);
    }
    if (content instanceof OutboundContent.Card card) {
      return card(card, chatId, attachment, json);
    }
    if (content instanceof OutboundContent.Unsupported unsupported) {
      return new Unsendable(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              unsupported.what() + " cannot be sent on Telegram"));
    }
    if (content instanceof OutboundContent.Template) {
      return new Unsendable(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "templates are WhatsApp only: Telegram has no message templates"));
    }
    return new Unsendable(
        new DeliveryFailure(
            FailureReason.UNSUPPORTED_MESSAGE,
            "a sequence of contents cannot be sent to Telegram as one message"));
  }

  private static SendMessageRequest quickReplies(
      OutboundContent.QuickReplies offer, String chatId) {
    List<List<InlineKeyboardMarkup.InlineKeyboardButton>> rows = new ArrayList<>();
    List<QuickReply> options = offer.options();
    for (int i = 0; i < options.size(); i++) {
      rows.add(
          List.of(
              InlineKeyboardMarkup.InlineKeyboardButton.callback(
                  options.get(i).title(), QuickReply.idAt(i))));
    }
    String question = offer.text().isBlank() ? DEFAULT_QUESTION : offer.text();
    return new SendMessageRequest(chatId, question, new InlineKeyboardMarkup(rows));
  }

  /** A card: its image with the words as caption, or the words; its buttons under it. */
  private static Call card(
      OutboundContent.Card card, String chatId, @Nullable MediaBytes image, JsonMapper json) {
    List<List<InlineKeyboardMarkup.InlineKeyboardButton>> rows = new ArrayList<>();
    List<QuickReply> postbacks = card.postbacks();
    for (int i = 0; i < postbacks.size(); i++) {
      rows.add(
          List.of(
              InlineKeyboardMarkup.InlineKeyboardButton.callback(
                  postbacks.get(i).title(), QuickReply.idAt(i))));
    }
    for (OutboundContent.Link link : card.links()) {
      rows.add(List.of(InlineKeyboardMarkup.InlineKeyboardButton.link(link.text(), link.url())));
    }
    InlineKeyboardMarkup keyboard = rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
    String words = card.text();
    if (card.image() == null) {
      return new Json("sendMessage", new SendMessageRequest(chatId, words, keyboard));
    }
    if (image == null) {
      return new Unsendable(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "the card's image did not come with it"));
    }
    OutboundContent.Media photo = card.image().withCaption(words.isEmpty() ? null : words);
    if (keyboard == null) {
      return upload(photo, chatId, image);
    }
    try {
      return upload(photo, chatId, image, json.writeValueAsString(keyboard));
    } catch (IOException | RuntimeException unwritable) {
      return new Unsendable(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "the card's buttons could not be written"));
    }
  }

  private static Call upload(OutboundContent.Media media, String chatId, MediaBytes attachment) {
    return upload(media, chatId, attachment, null);
  }

  /**
   * A multipart send of the attachment.
   *
   * @param replyMarkup the buttons under it as JSON; {@code null} when none
   */
  private static Call upload(
      OutboundContent.Media media,
      String chatId,
      MediaBytes attachment,
      @Nullable String replyMarkup) {
    String mimeType = attachment.mimeType().isBlank() ? media.mimeType() : attachment.mimeType();
    MediaType type = mediaType(mimeType);
    String method;
    String field;
    if (media.kind() == MediaKind.IMAGE) {
      method = "sendPhoto";
      field = "photo";
    } else if (media.kind() == MediaKind.VIDEO) {
      method = "sendVideo";
      field = "video";
    } else if (media.kind() == MediaKind.AUDIO && isOgg(type)) {
      method = "sendVoice";
      field = "voice";
    } else if (media.kind() == MediaKind.AUDIO) {
      method = "sendAudio";
      field = "audio";
    } else {
      method = "sendDocument"; // documents, and stickers as files
      field = "document";
    }
    MultipartBody.Builder form = MultipartBody.builder().addPart("chat_id", chatId);
    if (media.caption() != null && !media.caption().isBlank()) {
      form.addPart("caption", media.caption());
    }
    if (replyMarkup != null) {
      form.addPart("reply_markup", replyMarkup);
    }
    form.addPart(field, filename(media, attachment, type), type, attachment.content());
    return new Upload(method, form.build());
  }

  private static boolean isOgg(MediaType type) {
    return "audio".equalsIgnoreCase(type.getType()) && "ogg".equalsIgnoreCase(type.getSubtype());
  }

  private static String filename(
      OutboundContent.Media media, MediaBytes attachment, MediaType type) {
    if (media.filename() != null && !media.filename().isBlank()) {
      return media.filename().strip();
    }
    if (attachment.filename() != null) {
      return attachment.filename().strip();
    }
    String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    return "attachment" + EXTENSIONS.getOrDefault(base, "");
  }

  private static MediaType mediaType(String mimeType) {
    try {
      return MediaType.of(mimeType);
    } catch (RuntimeException unreadable) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }
}
