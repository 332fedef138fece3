package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an accepted {@code POST /{phone-number-id}/media}: {@code {"id": "..."}}.
 *
 * @param id the uploaded media's id, to send it by
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaUploadResponse(@Nullable String id) {}
