package dev.switchboard.adapters.whatsapp.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code button} object of a tap on a template's quick-reply button.
 *
 * @param text the button's text
 * @param payload the payload the template defined for the button
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookButton(@Nullable String text, @Nullable String payload) {}
