package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code result} of {@code getFile} ({@code File}): where the file is downloaded, {@code
 * {api-url}/file/bot{token}/{file_path}}, for at least an hour.
 *
 * @param fileId the file's id
 * @param fileSize size in bytes, when known
 * @param filePath the path to download it from; absent when the file cannot be downloaded
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileInfo(
    @JsonProperty("file_id") @Nullable String fileId,
    @JsonProperty("file_size") @Nullable Long fileSize,
    @JsonProperty("file_path") @Nullable String filePath) {}
