package dev.switchboard.application.fakes;

import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.usecase.AgentReceipts;
import dev.switchboard.application.usecase.ChannelEvents;
import dev.switchboard.application.usecase.ForwardCustomerMessage;
import dev.switchboard.application.usecase.RecordDeliveryStatus;
import dev.switchboard.application.usecase.RecordForwardReport;
import dev.switchboard.application.usecase.ReengageCustomer;
import dev.switchboard.application.usecase.SendAgentMessage;
import dev.switchboard.application.usecase.ShowAgentTyping;
import java.time.Clock;

/** The use cases wired over given ports, as the application wires them. */
public final class TestUseCases {

  private TestUseCases() {}

  /** The router of decoded events to every use case. */
  public static ChannelEvents channelEvents(
      Connections connections,
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      PipelineObserver meters,
      Clock clock) {
    return channelEvents(
        connections,
        outbox,
        conversations,
        deliveries,
        contacts,
        processed,
        meters,
        new InMemoryCustomerLinks(),
        clock);
  }

  /** The router of decoded events to every use case, with the customers' links of the test's. */
  public static ChannelEvents channelEvents(
      Connections connections,
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      PipelineObserver meters,
      CustomerLinks links,
      Clock clock) {
    return channelEvents(
        connections,
        outbox,
        conversations,
        deliveries,
        contacts,
        processed,
        meters,
        links,
        new InMemoryForwardedMessages(clock),
        new InMemoryDeadLetters(),
        clock);
  }

  /**
   * The router of decoded events to every use case, keeping forwarded messages and setting aside
   * those the contact center reports failed where the test says.
   */
  public static ChannelEvents channelEvents(
      Connections connections,
      Outbox outbox,
      Conversations conversations,
      Deliveries deliveries,
      ContactDirectory contacts,
      ProcessedMessages processed,
      PipelineObserver meters,
      CustomerLinks links,
      ForwardedMessages forwarded,
      DeadLetters deadLetters,
      Clock clock) {
    AgentReceipts receipts = new AgentReceipts(outbox, clock);
    ReengageCustomer reengage = reengageCustomer(outbox, conversations, deliveries, clock);
    return new ChannelEvents(
        connections,
        new ForwardCustomerMessage(
            outbox,
            conversations,
            deliveries,
            contacts,
            processed,
            reengage,
            meters,
            links,
            forwarded),
        new SendAgentMessage(
            outbox,
            conversations,
            deliveries,
            processed,
            receipts,
            reengage,
            clock,
            PipelineObserver.NONE),
        new RecordDeliveryStatus(conversations, deliveries, links, receipts, clock),
        new ShowAgentTyping(outbox, conversations, clock),
        new RecordForwardReport(forwarded, deadLetters, meters),
        meters);
  }

  /** Re-engagement of customers whose window closed, over given ports. */
  public static ReengageCustomer reengageCustomer(
      Outbox outbox, Conversations conversations, Deliveries deliveries, Clock clock) {
    return new ReengageCustomer(
        outbox, conversations, deliveries, new AgentReceipts(outbox, clock), clock);
  }

  /** What the dispatcher records about sends with. */
  public static RecordDeliveryStatus recordDeliveryStatus(
      Conversations conversations, Deliveries deliveries, Outbox outbox, Clock clock) {
    return new RecordDeliveryStatus(
        conversations,
        deliveries,
        new InMemoryCustomerLinks(),
        new AgentReceipts(outbox, clock),
        clock);
  }
}
