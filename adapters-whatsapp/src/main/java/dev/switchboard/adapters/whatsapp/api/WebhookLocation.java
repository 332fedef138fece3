package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code location} object of a location message. Coordinates are read as their JSON text, so
 * that they reach the agent exactly as sent.
 *
 * @param latitude the latitude in degrees
 * @param longitude the longitude in degrees
 * @param name the place's name
 * @param address the place's address
 * @param url a web page of the place
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookLocation(
    @Nullable String latitude,
    @Nullable String longitude,
    @Nullable String name,
    @Nullable String address,
    @Nullable String url) {}
