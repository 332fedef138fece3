package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The media object of an inbound {@code image}, {@code video}, {@code audio}, {@code document} or
 * {@code sticker} message: the bytes stay with Meta under {@code id}.
 *
 * @param id the media id, to resolve through {@code GET /{media-id}}
 * @param mimeType the media type, e.g. {@code image/jpeg}
 * @param sha256 the hash of the bytes (base64 from Meta; hex in some tools)
 * @param caption the customer's caption (image, video, document)
 * @param filename the document's file name
 * @param voice whether an audio is a voice note recorded in WhatsApp
 * @param animated whether a sticker is animated
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookMedia(
    @Nullable String id,
    @JsonProperty("mime_type") @Nullable String mimeType,
    @Nullable String sha256,
    @Nullable String caption,
    @Nullable String filename,
    @Nullable Boolean voice,
    @Nullable Boolean animated) {}
