package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code getFile}: asks where a file can be downloaded.
 *
 * @param fileId the file's id, as a message gave it
 */
@Serdeable
public record GetFileRequest(@JsonProperty("file_id") String fileId) {}
