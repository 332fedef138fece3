package dev.switchboard.adapters.genesys;

import dev.switchboard.application.port.in.AcceptWebhookCommand;
import dev.switchboard.application.port.in.AcceptWebhookUseCase;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The accept use case for controller tests: records what it is given, or fails when told to. */
@Singleton
public class RecordingAcceptWebhook implements AcceptWebhookUseCase {

  private final List<AcceptWebhookCommand> accepted = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;

  @Override
  public void accept(AcceptWebhookCommand command) {
    RuntimeException fail = failure;
    if (fail != null) {
      throw fail;
    }
    accepted.add(command);
  }

  List<AcceptWebhookCommand> accepted() {
    return List.copyOf(accepted);
  }

  void failWith(RuntimeException error) {
    this.failure = error;
  }

  void reset() {
    accepted.clear();
    failure = null;
  }
}
