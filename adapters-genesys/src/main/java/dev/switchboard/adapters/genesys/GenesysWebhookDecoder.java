package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.OpenChannel;
import dev.switchboard.adapters.genesys.api.OpenEvent;
import dev.switchboard.adapters.genesys.api.OpenOutboundMessage;
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
import java.util.List;
import java.util.Objects;

/**
 * Decodes Genesys' outbound webhook leniently: an agent's {@code Text} or {@code Structured}
 * message becomes an {@link ChannelEvent.AgentMessage}, a {@code Typing} event an {@link
 * ChannelEvent.AgentTyping}; receipts, other events and anything not going outbound carry nothing
 * to send. A message that cannot be carried whole (an element it does not map, a recipient it
 * cannot address) still becomes an agent message, whose content says so, so that the agent is told;
 * only a message with no id or no recipient (nobody to tell) is reported as a problem.
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
      return NOTHING; // receipts of what the bridge sent: nothing to send
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
    String time = channel.time();
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
