package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One item of a {@code contacts} message's {@code contacts[]}: a contact card the customer shared.
 *
 * @param name the contact's name
 * @param phones the contact's phone numbers
 * @param emails the contact's e-mail addresses
 * @param org the contact's organization
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSharedContact(
    @Nullable Name name,
    @Nullable List<Phone> phones,
    @Nullable List<Email> emails,
    @Nullable Org org) {

  /** The contact's name; {@code formatted_name} is the whole name. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Name(
      @JsonProperty("formatted_name") @Nullable String formattedName,
      @JsonProperty("first_name") @Nullable String firstName,
      @JsonProperty("last_name") @Nullable String lastName) {}

  /** A phone number as written on the card, its WhatsApp id and its type (e.g. MOBILE). */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Phone(
      @Nullable String phone,
      @JsonProperty("wa_id") @Nullable String waId,
      @Nullable String type) {}

  /** An e-mail address and its type (e.g. WORK). */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Email(@Nullable String email, @Nullable String type) {}

  /** The organization the contact belongs to. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Org(@Nullable String company, @Nullable String title) {}
}
