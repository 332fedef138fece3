package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The {@code order} object of an order message: what the customer put in their cart.
 *
 * @param catalogId the catalog the products are from
 * @param text the customer's note with the order
 * @param productItems the items ordered
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookOrder(
    @JsonProperty("catalog_id") @Nullable String catalogId,
    @Nullable String text,
    @JsonProperty("product_items") @Nullable List<Item> productItems) {

  /** One item: numbers are read as their JSON text. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Item(
      @JsonProperty("product_retailer_id") @Nullable String productRetailerId,
      @Nullable String quantity,
      @JsonProperty("item_price") @Nullable String itemPrice,
      @Nullable String currency) {}
}
