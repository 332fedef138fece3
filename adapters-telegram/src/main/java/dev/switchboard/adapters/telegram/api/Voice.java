package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A voice note ({@code Voice}), usually OGG/Opus.
 *
 * @param fileId the id to fetch the file by ({@code getFile})
 * @param mimeType the media type the sender gave
 * @param duration length in seconds
 * @param fileSize size in bytes
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Voice(
    @JsonProperty("file_id") @Nullable String fileId,
    @JsonProperty("mime_type") @Nullable String mimeType,
    @Nullable Long duration,
    @JsonProperty("file_size") @Nullable Long fileSize) {}
