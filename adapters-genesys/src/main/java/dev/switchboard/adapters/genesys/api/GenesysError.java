package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of a Genesys API error answer.
 *
 * @param message what went wrong
 * @param code Genesys' error code, e.g. {@code bad.request}
 * @param status the HTTP status
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenesysError(
    @Nullable String message, @Nullable String code, @Nullable Integer status) {}
