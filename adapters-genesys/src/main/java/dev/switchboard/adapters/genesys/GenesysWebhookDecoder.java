package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenChannel;
import dev.switchboard.adapters.genesys.api.OpenEvent;
import dev.switchboard.adapters.genesys.api.OpenOutboundMessage;
import dev.switchboard.adapters.genesys.api.OpenReason;
import dev.switchboard.adapters.genesys.api.OpenRecipient;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.WebhookDecoder;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes Genesys' outbound webhook leniently: an agent's {@code Text} or {@code Structured}
 * message becomes an {@link ChannelEvent.AgentMessage}, a {@code Typing} event an {@link
 * ChannelEvent.AgentTyping}, a receipt of a customer's message the bridge forwarded a {@link
 * ChannelEvent.ForwardReported}; other receipts and events and anything not going outbound carry
 * nothing to act on. A message that cannot be carried whole (an element it does not map, a
 * recipient it cannot address) still becomes an agent message, whose content says so, so that the
 * agent is told; only a message with no id or no recipient (nobody to tell) is reported as a
 * problem.
 */
@Singleton
public class GenesysWebhookDecoder implements WebhookDecoder {

  private static final Decoded NOTHING = new Decoded(List.of(), List.of());

  private final JsonMapper json;
  private final Clock clock;
  private final AgentContentMapper contents = new AgentContentMapper();

  public GenesysWebhookDecoder(JsonMapper json, Clock clock) {
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String source() {
    return GenesysWebhookController.SOURCE;
  }

  /**
   * The events of a webhook of the connection its address named (webhooks accepted before there
   * were connections are the {@code default} connection's).
   */
  @Override
  public Decoded decode(WebhookSource source, byte[] body) {
    ConnectionId connection = source.connection();
    if (connection == null) {
      return Decoded.unusable("a Genesys webhook that names no connection");
    }
    JsonNode tree;
    try {
      tree = json.readValue(body, JsonNode.class);
    } catch (Exception e) {
      return Decoded.unusable("the Genesys webhook is not JSON");
    }
    if (tree == null || !tree.isObject()) {
      return Decoded.unusable("the Genesys webhook is not a JSON object");
    }
    OpenOutboundMessage message;
    try {
      message = json.readValueFromTree(tree, OpenOutboundMessage.class);
    } catch (Exception e) {
      return Decoded.unusable("the Genesys webhook does not have the shape of an outbound message");
    }
    return decode(connection, message);
  }

  private Decoded decode(ConnectionId connection, OpenOutboundMessage message) {
    String type = message.type();
    if (OpenOutboundMessage.RECEIPT.equalsIgnoreCase(type)) {
      return receipt(connection, message);
    }
    if (OpenOutboundMessage.EVENT.equalsIgnoreCase(type)) {
      return event(connection, message);
    }
    if (message.direction() != null
        && !OpenOutboundMessage.OUTBOUND.equalsIgnoreCase(message.direction())) {
      return NOTHING;
    }
    if (isBlank(message.id())) {
      return Decoded.unusable("a Genesys message without id");
    }
    OpenChannel channel = message.channel();
    OpenRecipient to = channel == null ? null : channel.to();
    if (to == null || isBlank(to.id())) {
      return Decoded.unusable("a Genesys message without channel.to.id");
    }
    CustomerId recipient;
    OutboundContent content;
    try {
      recipient = recipient(to);
      content = contents.map(message);
    } catch (IllegalArgumentException notAPhoneNumber) {
      // the agent is told, under the id Genesys gave, rather than the message vanishing
      recipient = CustomerId.opaque(to.id().strip());
      content =
          new OutboundContent.Unsupported(
              "a recipient (channel.to.id) that is not a phone number it can address");
    }
    OutboundMessage outbound = new OutboundMessage(message.id(), recipient, content);
    return new Decoded(
        List.of(new ChannelEvent.AgentMessage(connection, outbound, occurredAt(channel))),
        List.of());
  }

  /**
   * A receipt of a customer's message the bridge forwarded (direction {@code Inbound}), {@code
   * Delivered} or {@code Failed} with its reasons, becomes a {@link ChannelEvent.ForwardReported}
   * naming the message by {@code channel.messageId} (the id the bridge forwarded it under) and
   * {@code id}. Receipts of what the bridge sent towards the customer (direction {@code Outbound}:
   * Genesys echoes the bridge's own), other statuses and receipts that name no message are nothing
   * to act on.
   */
  private Decoded receipt(ConnectionId connection, OpenOutboundMessage message) {
    if (OpenOutboundMessage.OUTBOUND.equalsIgnoreCase(message.direction())) {
      return NOTHING;
    }
    boolean failed = OpenOutboundMessage.FAILED.equalsIgnoreCase(message.status());
    if (!failed && !OpenOutboundMessage.DELIVERED.equalsIgnoreCase(message.status())) {
      return NOTHING;
    }
    OpenChannel channel = message.channel();
    List<String> ids = new ArrayList<>();
    if (channel != null && !isBlank(channel.messageId())) {
      ids.add(channel.messageId().strip());
    }
    if (!isBlank(message.id())) {
      ids.add(message.id().strip());
    }
    if (ids.isEmpty()) {
      return NOTHING;
    }
    ChannelEvent.ForwardReported.Failure failure = null;
    if (failed) {
      OpenReason reason =
          message.reasons() == null
              ? null
              : message.reasons().stream().filter(Objects::nonNull).findFirst().orElse(null);
      failure =
          reason == null
              ? new ChannelEvent.ForwardReported.Failure(null, null)
              : new ChannelEvent.ForwardReported.Failure(reason.code(), reason.message());
    }
    return new Decoded(
        List.of(
            new ChannelEvent.ForwardReported(
                connection, customerOf(channel, ids.get(0)), ids, failure, occurredAt(channel))),
        List.of());
  }

  /**
   * The customer a receipt of their message names: its {@code from} (the customer wrote it), else
   * its {@code to}, whichever is not the integration itself; the message id when neither is there
   * (the customer only decides which conversation handles the receipt).
   */
  private static CustomerId customerOf(OpenChannel channel, String messageId) {
    if (channel != null) {
      for (OpenRecipient side : Arrays.asList(channel.from(), channel.to())) {
        if (side != null && !isBlank(side.id()) && !side.id().strip().equals(channel.id())) {
          try {
            return recipient(side);
          } catch (IllegalArgumentException notAPhoneNumber) {
            return CustomerId.opaque(side.id().strip());
          }
        }
      }
    }
    return CustomerId.opaque(messageId);
  }

  /**
   * An agent typing ({@code Typing} with {@code typing.type: On}) to a known customer; any other
   * event, or one without a usable recipient, is nothing to send.
   */
  private Decoded event(ConnectionId connection, OpenOutboundMessage message) {
    if (message.direction() != null
        && !OpenOutboundMessage.OUTBOUND.equalsIgnoreCase(message.direction())) {
      return NOTHING;
    }
    boolean typing =
        message.events() != null
            && message.events().stream()
                .anyMatch(
                    event ->
                        event != null
                            && OpenEvent.TYPING.equalsIgnoreCase(event.eventType())
                            && event.typing() != null
                            && OpenEvent.Typing.ON.equalsIgnoreCase(event.typing().type()));
    OpenChannel channel = message.channel();
    OpenRecipient to = channel == null ? null : channel.to();
    if (!typing || to == null || isBlank(to.id())) {
      return NOTHING;
    }
    try {
      return new Decoded(
          List.of(new ChannelEvent.AgentTyping(connection, recipient(to), occurredAt(channel))),
          List.of());
    } catch (IllegalArgumentException notAPhoneNumber) {
      return NOTHING; // a typing indicator is best effort: not worth a dead letter
    }
  }

  /**
   * The customer: a phone number for {@code idType: Phone}, else the id as it is; without an {@code
   * idType} (older payloads), an id that is {@code +} and digits is a phone number.
   *
   * @throws IllegalArgumentException when a phone number is not one
   */
  static CustomerId recipient(OpenRecipient to) {
    boolean phone =
        isBlank(to.idType())
            ? looksLikeE164(to.id().strip())
            : OpenRecipient.PHONE.equalsIgnoreCase(to.idType());
    return phone ? CustomerId.phone(to.id()) : CustomerId.opaque(to.id());
  }

  private static boolean looksLikeE164(String id) {
    return id.length() > 1
        && id.charAt(0) == '+'
        && id.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** {@code channel.time}, or now when it is missing or unreadable. */
  private Instant occurredAt(OpenChannel channel) {
    String time = channel == null ? null : channel.time();
    if (!isBlank(time)) {
      try {
        return OffsetDateTime.parse(time.strip()).toInstant();
      } catch (DateTimeParseException unreadable) {
        // fall through to the clock
      }
    }
    return clock.instant();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
