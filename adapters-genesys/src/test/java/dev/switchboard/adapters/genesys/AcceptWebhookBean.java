package dev.switchboard.adapters.genesys;

import dev.switchboard.application.fakes.RecordingAcceptWebhook;
import jakarta.inject.Singleton;

/** The shared recording accept use case, as the bean the controller test's context injects. */
@Singleton
class AcceptWebhookBean extends RecordingAcceptWebhook {}
