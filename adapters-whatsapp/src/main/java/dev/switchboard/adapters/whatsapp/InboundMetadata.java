package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.WebhookContext;
import dev.switchboard.adapters.whatsapp.api.WebhookReferral;
import dev.switchboard.domain.message.InboundContent;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * What the agent may want to know beside a message's content, as {@link
 * dev.switchboard.domain.message.InboundMessage#metadata()}: the click-to-WhatsApp ad it came from
 * ({@code referral.*}), the message it quotes ({@code replyTo}), whether it was forwarded ({@code
 * forwarded}), a template quick-reply button's payload ({@code buttonPayload}). What the agent
 * should see of it also goes before the text (or the caption), e.g. {@value #REPLY_PREFIX}.
 */
final class InboundMetadata {

  /** Metadata key: the headline of the ad the customer came from. */
  static final String REFERRAL_HEADLINE = "referral.headline";

  /** Metadata key: the URL of the ad or post the customer came from. */
  static final String REFERRAL_SOURCE_URL = "referral.sourceUrl";

  /** Metadata key: {@code ad} or {@code post}. */
  static final String REFERRAL_SOURCE_TYPE = "referral.sourceType";

  /** Metadata key: the id of the ad or post. */
  static final String REFERRAL_SOURCE_ID = "referral.sourceId";

  /** Metadata key: the text of the ad. */
  static final String REFERRAL_BODY = "referral.body";

  /** Metadata key: the click id of a click-to-WhatsApp ad. */
  static final String REFERRAL_CLICK_ID = "referral.ctwaClid";

  /** Metadata key: the wamid of the message this one quotes. */
  static final String REPLY_TO = "replyTo";

  /** Metadata key: {@code true}, or {@code frequently} for a message forwarded many times. */
  static final String FORWARDED = "forwarded";

  /** Metadata key: the payload of a template's quick-reply button. */
  static final String BUTTON_PAYLOAD = "buttonPayload";

  /** The prefix of a message that quotes an earlier one. */
  static final String REPLY_PREFIX = "[In reply to an earlier message] ";

  private InboundMetadata() {}

  /** Puts the ad's details that are given into {@code metadata}. */
  static void referral(@Nullable WebhookReferral referral, Map<String, String> metadata) {
    if (referral == null) {
      return;
    }
    putIfPresent(metadata, REFERRAL_HEADLINE, referral.headline());
    putIfPresent(metadata, REFERRAL_SOURCE_URL, referral.sourceUrl());
    putIfPresent(metadata, REFERRAL_SOURCE_TYPE, referral.sourceType());
    putIfPresent(metadata, REFERRAL_SOURCE_ID, referral.sourceId());
    putIfPresent(metadata, REFERRAL_BODY, referral.body());
    putIfPresent(metadata, REFERRAL_CLICK_ID, referral.ctwaClid());
  }

  /**
   * Puts the context into {@code metadata} and gives what the agent sees of it, to go before the
   * text: forwarded, the quoted message (not for taps on buttons, which always answer a message),
   * the product asked about.
   *
   * @param type the message type
   */
  static String context(
      @Nullable WebhookContext context, String type, Map<String, String> metadata) {
    if (context == null) {
      return "";
    }
    StringBuilder prefix = new StringBuilder();
    if (Boolean.TRUE.equals(context.frequentlyForwarded())) {
      metadata.put(FORWARDED, "frequently");
      prefix.append("[Forwarded many times] ");
    } else if (Boolean.TRUE.equals(context.forwarded())) {
      metadata.put(FORWARDED, "true");
      prefix.append("[Forwarded] ");
    }
    if (!isBlank(context.id())) {
      metadata.put(REPLY_TO, context.id());
      boolean answersAnOffer = type.equals("interactive") || type.equals("button");
      if (!answersAnOffer && context.referredProduct() == null) {
        prefix.append(REPLY_PREFIX);
      }
    }
    WebhookContext.ReferredProduct product = context.referredProduct();
    if (product != null && !isBlank(product.productRetailerId())) {
      prefix.append("[About product ").append(product.productRetailerId().strip()).append("] ");
    }
    return prefix.toString();
  }

  /** The content with {@code prefix} before its text, or its caption. */
  static InboundContent prefixed(InboundContent content, String prefix) {
    if (prefix.isEmpty()) {
      return content;
    }
    if (content instanceof InboundContent.Text text) {
      return new InboundContent.Text(prefix + text.body());
    }
    if (content instanceof InboundContent.Media media) {
      String caption = media.caption() == null ? prefix.strip() : prefix + media.caption();
      return new InboundContent.Media(
          media.kind(),
          media.mediaId(),
          media.mimeType(),
          media.sha256(),
          media.filename(),
          caption);
    }
    return content;
  }

  private static void putIfPresent(Map<String, String> metadata, String key, @Nullable String v) {
    if (!isBlank(v)) {
      metadata.put(key, v.strip());
    }
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
