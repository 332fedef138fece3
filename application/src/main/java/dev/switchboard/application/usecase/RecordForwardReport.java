package dev.switchboard.application.usecase;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.PipelineObserver;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * The contact center reported on a customer's message the bridge forwarded. Delivered: the copy
 * kept for this report is let go. Failed (Genesys took the message, then dropped it, e.g. {@code
 * DataFiltered}): the kept copy becomes an outbox dead letter with the contact center's reason, so
 * that an operator's replay forwards the customer's message again, and the failure is counted and
 * traced. A report about a message the bridge does not keep (not forwarded by it, reported before,
 * or kept longer than the retention) changes nothing. Runs inside the caller's transaction.
 */
public final class RecordForwardReport {

  private static final System.Logger LOG = System.getLogger(RecordForwardReport.class.getName());

  /** The longest reason kept from the contact center's description. */
  static final int MAX_DESCRIPTION = 500;

  private final ForwardedMessages forwarded;
  private final DeadLetters deadLetters;
  private final PipelineObserver observer;

  public RecordForwardReport(
      ForwardedMessages forwarded, DeadLetters deadLetters, PipelineObserver observer) {
    this.forwarded = Objects.requireNonNull(forwarded, "forwarded");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Records the report; part of the caller's transaction. */
  public void record(Connections.Connected on, ChannelEvent.ForwardReported report) {
    Optional<OutboxEntry> kept = forwarded.take(on.id(), report.messageIds());
    if (kept.isEmpty()) {
      LOG.log(
          Level.DEBUG,
          "connection {0}: a {1} report for message {2}, which the bridge does not keep; ignored",
          on.id(),
          report.failed() ? "failure" : "delivery",
          report.messageIds().get(0));
      return;
    }
    if (!report.failed()) {
      return;
    }
    OutboxEntry entry = kept.get();
    String messageId = report.messageIds().get(0);
    String reason = reason(report.failure());
    deadLetters.addOutboxEntry(entry, reason);
    Traced.of(entry.item())
        .ifPresent(
            traced -> {
              observer.failed(traced, report.failure().code());
              observer.deadLettered(traced);
            });
    LOG.log(
        Level.WARNING,
        "connection {0}: the contact center reported forwarded message {1} failed ({2}); it is"
            + " in the dead letters, to be replayed",
        on.id(),
        messageId,
        report.failure().code());
  }

  private static String reason(ChannelEvent.ForwardReported.Failure failure) {
    String description = failure.description();
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION) + "...";
    }
    return "the contact center reported it failed: "
        + failure.code()
        + (description.isEmpty() ? "" : " (" + description + ")");
  }
}
