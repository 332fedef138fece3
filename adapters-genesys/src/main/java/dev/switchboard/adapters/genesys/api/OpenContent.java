package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One content element of a message ({@code ConversationMessageContent}); only the element its
 * {@code contentType} names is set.
 *
 * @param contentType {@code Attachment}, {@code QuickReply}, {@code Notification}, ...
 * @param attachment an attachment
 * @param quickReply an answer offered to tap
 * @param template a pre-approved template
 * @param card a card
 * @param carousel a set of cards
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenContent(
    @Nullable String contentType,
    @Nullable OpenAttachment attachment,
    @Nullable OpenQuickReply quickReply,
    @Nullable OpenTemplate template,
    @Nullable OpenCard card,
    @Nullable OpenCard.Carousel carousel) {

  /** {@code contentType} of an attachment. */
  public static final String ATTACHMENT = "Attachment";

  /** {@code contentType} of a quick reply. */
  public static final String QUICK_REPLY = "QuickReply";

  /** {@code contentType} of a template. */
  public static final String NOTIFICATION = "Notification";

  /** {@code contentType} of a card. */
  public static final String CARD = "Card";

  /** {@code contentType} of a set of cards. */
  public static final String CAROUSEL = "Carousel";

  /** An attachment element. */
  public static OpenContent of(OpenAttachment attachment) {
    return new OpenContent(ATTACHMENT, attachment, null, null, null, null);
  }
}
