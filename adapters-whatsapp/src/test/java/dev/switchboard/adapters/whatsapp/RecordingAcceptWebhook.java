package dev.switchboard.adapters.whatsapp;

import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The accept use case as the controller tests see it: records what it stores, or fails. */
@Singleton
@Requires(property = "spec.name", value = "WhatsAppWebhookControllerTest")
class RecordingAcceptWebhook implements AcceptWebhookUseCase {

  final List<AcceptWebhookCommand> accepted = new CopyOnWriteArrayList<>();
  volatile RuntimeException failure;

  @Override
  public void accept(AcceptWebhookCommand command) {
    RuntimeException fail = failure;
    if (fail != null) {
      throw fail;
    }
    accepted.add(command);
  }

  void reset() {
    accepted.clear();
    failure = null;
  }
}
