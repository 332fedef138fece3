package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One size of a photo ({@code PhotoSize}); a photo message carries several.
 *
 * @param fileId the id to fetch the file by ({@code getFile})
 * @param fileUniqueId the same file's id across bots; cannot fetch it
 * @param width width in pixels
 * @param height height in pixels
 * @param fileSize size in bytes
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record PhotoSize(
    @JsonProperty("file_id") @Nullable String fileId,
    @JsonProperty("file_unique_id") @Nullable String fileUniqueId,
    @Nullable Long width,
    @Nullable Long height,
    @JsonProperty("file_size") @Nullable Long fileSize) {}
