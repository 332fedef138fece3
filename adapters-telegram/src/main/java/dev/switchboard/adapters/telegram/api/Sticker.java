package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A sticker ({@code Sticker}): a WEBP image, an animated TGS file, or a WEBM video.
 *
 * @param fileId the id to fetch the file by ({@code getFile})
 * @param isAnimated whether it is an animated (TGS) sticker
 * @param isVideo whether it is a video (WEBM) sticker
 * @param emoji the emoji it stands for
 * @param fileSize size in bytes
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sticker(
    @JsonProperty("file_id") @Nullable String fileId,
    @JsonProperty("is_animated") @Nullable Boolean isAnimated,
    @JsonProperty("is_video") @Nullable Boolean isVideo,
    @Nullable String emoji,
    @JsonProperty("file_size") @Nullable Long fileSize) {}
