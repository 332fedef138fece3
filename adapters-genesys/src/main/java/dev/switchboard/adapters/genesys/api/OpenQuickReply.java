package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An answer an agent or bot offers the customer to tap ({@code ConversationContentQuickReply}).
 *
 * @param text what the customer sees
 * @param payload what Genesys gets back when it is tapped
 * @param action {@code Message}
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenQuickReply(
    @Nullable String text, @Nullable String payload, @Nullable String action) {}
