package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A video file ({@code Video}). Its size is a {@code Long}: Premium users send videos of up to 4
 * GB.
 *
 * @param fileId the id to fetch the file by ({@code getFile})
 * @param fileName the file name the sender gave
 * @param mimeType the media type the sender gave
 * @param duration length in seconds
 * @param fileSize size in bytes
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Video(
    @JsonProperty("file_id") @Nullable String fileId,
    @JsonProperty("file_name") @Nullable String fileName,
    @JsonProperty("mime_type") @Nullable String mimeType,
    @Nullable Long duration,
    @JsonProperty("file_size") @Nullable Long fileSize) {}
