package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code context} object of a message: the message it quotes or answers, whether it was
 * forwarded, and the product it asks about.
 *
 * @param from who sent the quoted message
 * @param id the quoted message's wamid
 * @param forwarded whether the message was forwarded
 * @param frequentlyForwarded whether it was forwarded more than five times
 * @param referredProduct the catalog product the customer asks about
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookContext(
    @Nullable String from,
    @Nullable String id,
    @Nullable Boolean forwarded,
    @JsonProperty("frequently_forwarded") @Nullable Boolean frequentlyForwarded,
    @JsonProperty("referred_product") @Nullable ReferredProduct referredProduct) {

  /** A product of the business' catalog. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReferredProduct(
      @JsonProperty("catalog_id") @Nullable String catalogId,
      @JsonProperty("product_retailer_id") @Nullable String productRetailerId) {}
}
