package dev.switchboard.domain.message;

import java.util.Objects;

/**
 * An attachment the contact center can fetch: a link that works without the channel's credentials.
 *
 * @param kind what it is
 * @param url where to fetch it
 * @param mimeType its media type
 * @param filename its file name; {@code null} when none is known
 */
public record Attachment(MediaKind kind, String url, String mimeType, String filename) {
  public Attachment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(mimeType, "mimeType");
  }
}
