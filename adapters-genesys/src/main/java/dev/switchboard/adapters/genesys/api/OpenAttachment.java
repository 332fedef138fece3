package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An attachment ({@code ConversationContentAttachment}): one the bridge hands Genesys for a
 * customer, or one an agent sent.
 *
 * @param id Genesys' id of the attachment (agents' attachments only)
 * @param mediaType {@code Image}, {@code Video}, {@code Audio}, {@code File} or {@code Link}
 * @param url where it is fetched
 * @param mime its media type, e.g. {@code image/png}
 * @param filename its file name; {@code null} when none
 * @param text a caption, when Genesys gives one with the attachment
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenAttachment(
    @Nullable String id,
    @Nullable String mediaType,
    @Nullable String url,
    @Nullable String mime,
    @Nullable String filename,
    @Nullable String text) {

  /** {@code mediaType} of an image. */
  public static final String IMAGE = "Image";

  /** {@code mediaType} of a video. */
  public static final String VIDEO = "Video";

  /** {@code mediaType} of an audio file. */
  public static final String AUDIO = "Audio";

  /** {@code mediaType} of any other file. */
  public static final String FILE = "File";

  /** An attachment the bridge hands Genesys: no id, no caption. */
  public static OpenAttachment of(String mediaType, String url, String mime, String filename) {
    return new OpenAttachment(null, mediaType, url, mime, filename, null);
  }

  @Override
  public String toString() {
    return "OpenAttachment[mediaType=" + mediaType + ", mime=" + mime + "]";
  }
}
