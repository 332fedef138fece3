package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of a refused Graph API call: {@code {"error": {...}}}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphErrorEnvelope(@Nullable GraphError error) {}
