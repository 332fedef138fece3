package dev.switchboard.application.service;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.port.in.ExpireHeldMessagesUseCase;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.application.usecase.ReengageCustomer;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/**
 * Fails the messages held longer than their connection's hold, one conversation per transaction, in
 * batches until none is due.
 */
public final class ExpireHeldMessagesService implements ExpireHeldMessagesUseCase {

  private static final System.Logger LOG =
      System.getLogger(ExpireHeldMessagesService.class.getName());

  private final Connections connections;
  private final ReengageCustomer reengage;
  private final Transactions transactions;

  public ExpireHeldMessagesService(
      Connections connections, ReengageCustomer reengage, Transactions transactions) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.reengage = Objects.requireNonNull(reengage, "reengage");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public int expireHeldMessages() {
    int failed = 0;
    for (var connection : connections.all()) {
      Connections.Connected on = connections.find(connection.id()).orElseThrow();
      int ofConnection = 0;
      List<ConversationKey> due = transactions.inTransaction(() -> reengage.dueForExpiry(on));
      while (!due.isEmpty()) {
        for (ConversationKey key : due) {
          ofConnection += transactions.inTransaction(() -> reengage.expire(on, key));
        }
        List<ConversationKey> before = due;
        due = transactions.inTransaction(() -> reengage.dueForExpiry(on));
        if (due.equals(before)) {
          break; // nothing moved (a clock that stands still): try again next round
        }
      }
      log(connection.id(), ofConnection);
      failed += ofConnection;
    }
    return failed;
  }

  private static void log(ConnectionId connection, int failed) {
    if (failed > 0) {
      LOG.log(
          Level.INFO,
          "connection {0}: {1} held message(s) expired before the customer wrote again",
          connection,
          failed);
    }
  }
}
