package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A named place ({@code Venue}); a venue message carries its location as well.
 *
 * @param location where it is
 * @param title its name
 * @param address its address
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Venue(
    @Nullable Location location, @Nullable String title, @Nullable String address) {}
