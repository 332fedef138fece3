package dev.switchboard.adapters.telegram;

import dev.switchboard.application.fakes.RecordingAcceptWebhook;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The shared recording accept use case, as the bean the controller test's context injects. */
@Singleton
@Requires(property = "spec.name", value = "TelegramWebhookControllerTest")
class AcceptWebhookBean extends RecordingAcceptWebhook {}
