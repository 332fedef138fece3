package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.QuickReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Deliveries} in memory. Like a database, it hands out copies (with the quick replies
 * offered and whether the send was its message's final part): a change is kept only once saved.
 * Held reports are released in the order they were held.
 */
public final class InMemoryDeliveries implements Deliveries {

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, List<StatusReport>> held = new LinkedHashMap<>();

  @Override
  public synchronized void save(Delivery delivery) {
    rows.put(
        delivery.channelMessageId(),
        new Row(
            delivery.contactCenterMessageId(),
            delivery.channelMessageId(),
            delivery.customer(),
            delivery.offeredReplies(),
            delivery.finalPart(),
            delivery.status()));
  }

  @Override
  public synchronized Optional<Delivery> byChannelMessageId(String channelMessageId) {
    return Optional.ofNullable(rows.get(channelMessageId)).map(Row::restore);
  }

  @Override
  public synchronized void hold(StatusReport report) {
    Objects.requireNonNull(report, "report");
    held.computeIfAbsent(report.channelMessageId(), k -> new ArrayList<>()).add(report);
  }

  @Override
  public synchronized List<StatusReport> releaseHeld(String channelMessageId) {
    List<StatusReport> released = held.remove(channelMessageId);
    return released == null ? List.of() : List.copyOf(released);
  }

  /** The reports held for this channel message id, without releasing them. */
  public synchronized List<StatusReport> held(String channelMessageId) {
    return List.copyOf(held.getOrDefault(channelMessageId, List.of()));
  }

  /** Every stored delivery, in the order first saved; copies. */
  public synchronized List<Delivery> all() {
    return rows.values().stream().map(Row::restore).toList();
  }

  private record Row(
      String contactCenterMessageId,
      String channelMessageId,
      CustomerId customer,
      List<QuickReply> offeredReplies,
      boolean finalPart,
      DeliveryStatus status) {
    Delivery restore() {
      return Delivery.restore(
          contactCenterMessageId, channelMessageId, customer, offeredReplies, finalPart, status);
    }
  }
}
