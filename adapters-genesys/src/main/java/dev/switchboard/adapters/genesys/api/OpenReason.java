package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Why a message failed, in a receipt ({@code ConversationReason}).
 *
 * @param code a Genesys reason code such as {@code MessageExpired} or {@code GeneralError}
 * @param message a description for the agent
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenReason(@Nullable String code, @Nullable String message) {}
