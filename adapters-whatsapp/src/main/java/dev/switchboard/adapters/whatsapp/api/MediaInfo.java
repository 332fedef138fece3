package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to {@code GET /{media-id}}: where the bytes can be downloaded (with the same bearer
 * token, for a few minutes) and what they are. {@link #toString()} leaves the URL out: it may carry
 * tokens in its query.
 *
 * @param url the download URL
 * @param mimeType the media type
 * @param sha256 the hash of the bytes, hex
 * @param fileSize the size in bytes, as its JSON text
 * @param id the media id
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaInfo(
    @Nullable String url,
    @JsonProperty("mime_type") @Nullable String mimeType,
    @Nullable String sha256,
    @JsonProperty("file_size") @Nullable String fileSize,
    @Nullable String id) {

  /** The size in bytes, or {@code -1} when not given or not a number. */
  public long size() {
    if (fileSize == null) {
      return -1;
    }
    try {
      return Long.parseLong(fileSize.strip());
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return "MediaInfo[id=" + id + ", mimeType=" + mimeType + ", fileSize=" + fileSize + "]";
  }
}
