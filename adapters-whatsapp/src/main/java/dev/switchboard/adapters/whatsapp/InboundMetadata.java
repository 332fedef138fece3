package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.WebhookContext;
import dev.switchboard.adapters.whatsapp.api.WebhookReferral;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * What the agent may want to know beside a message's content, as {@link
 * dev.switchboard.domain.message.InboundMessage#metadata()} (which Genesys shows as the message's
 * custom attributes): the click-to-WhatsApp ad it came from ({@code referral.*}), the message it
 * quotes ({@code replyTo}), whether it was forwarded ({@code forwarded}), the catalog product it
 * asks about ({@code referredProduct.*}), a template quick-reply button's payload ({@code
 * buttonPayload}). None of it is written into the customer's text or caption: their words reach the
 * agent as they wrote them.
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

  /** Metadata key: the retailer id of the catalog product the customer asks about. */
  static final String REFERRED_PRODUCT = "referredProduct.productRetailerId";

  /** Metadata key: the catalog of the product the customer asks about. */
  static final String REFERRED_CATALOG = "referredProduct.catalogId";

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
   * Puts the context into {@code metadata}: forwarded (or forwarded many times), the quoted or
   * answered message, the product asked about.
   */
  static void context(@Nullable WebhookContext context, Map<String, String> metadata) {
    if (context == null) {
      return;
    }
    if (Boolean.TRUE.equals(context.frequentlyForwarded())) {
      metadata.put(FORWARDED, "frequently");
    } else if (Boolean.TRUE.equals(context.forwarded())) {
      metadata.put(FORWARDED, "true");
    }
    putIfPresent(metadata, REPLY_TO, context.id());
    WebhookContext.ReferredProduct product = context.referredProduct();
    if (product != null) {
      putIfPresent(metadata, REFERRED_PRODUCT, product.productRetailerId());
      putIfPresent(metadata, REFERRED_CATALOG, product.catalogId());
    }
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
