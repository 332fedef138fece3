package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code interactive} object of a customer's answer to an interactive message.
 *
 * @param type {@code button_reply}, {@code list_reply}, {@code nfm_reply} (a WhatsApp Flow) or
 *     another kind
 * @param buttonReply the reply button tapped
 * @param listReply the list row chosen
 * @param nfmReply the form the customer submitted
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookInteractive(
    @Nullable String type,
    @JsonProperty("button_reply") @Nullable Reply buttonReply,
    @JsonProperty("list_reply") @Nullable Reply listReply,
    @JsonProperty("nfm_reply") @Nullable FormReply nfmReply) {

  /** The option chosen: the id it was sent with and the title the customer saw. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Reply(@Nullable String id, @Nullable String title, @Nullable String description) {}

  /** A submitted WhatsApp Flow: its name, a short body and the answers as JSON text. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FormReply(
      @Nullable String name,
      @Nullable String body,
      @JsonProperty("response_json") @Nullable String responseJson) {}
}
