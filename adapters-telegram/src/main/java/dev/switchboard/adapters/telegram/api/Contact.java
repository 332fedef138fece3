package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A phone contact shared in a message ({@code Contact}).
 *
 * @param phoneNumber the number as the sender's contact book has it
 * @param firstName the first name
 * @param lastName the last name
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Contact(
    @JsonProperty("phone_number") @Nullable String phoneNumber,
    @JsonProperty("first_name") @Nullable String firstName,
    @JsonProperty("last_name") @Nullable String lastName) {}
