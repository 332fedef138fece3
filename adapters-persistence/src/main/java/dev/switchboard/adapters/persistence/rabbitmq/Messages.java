package dev.switchboard.adapters.persistence.rabbitmq;

import com.rabbitmq.client.AMQP;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.WebhookSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The form of the bridge's messages: persistent, with a unique message id, and headers naming the
 * side a message came from ({@value #SOURCE}) and, for webhooks, when it was accepted ({@value
 * #RECEIVED_AT}, ISO-8601).
 */
final class Messages {

  static final String SOURCE = "source";
  static final String RECEIVED_AT = "received-at";
  static final String WEBHOOK_TYPE = "application/octet-stream";
  static final String EVENT_TYPE = "application/json";

  /** How the JSON of every event begins: its variant comes first ({@code OutboxCodec}). */
  private static final byte[] EVENT_START =
      "{\"@type\":\"ChannelEvent.".getBytes(StandardCharsets.UTF_8);

  private Messages() {}

  static AMQP.BasicProperties webhook(WebhookSource source, Instant receivedAt) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(SOURCE, source.name());
    headers.put(RECEIVED_AT, receivedAt.toString());
    return properties(WEBHOOK_TYPE, headers, receivedAt);
  }

  static AMQP.BasicProperties event(ChannelEvent event, Instant now) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(SOURCE, sourceOf(event).name());
    return properties(EVENT_TYPE, headers, now);
  }

  private static AMQP.BasicProperties properties(
      String contentType, Map<String, Object> headers, Instant at) {
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(2)
        .contentType(contentType)
        .messageId(UUID.randomUUID().toString())
        .timestamp(Date.from(at))
        .headers(headers)
        .build();
  }

  /** The side an event came from: customers' events from WhatsApp, agents' from Genesys. */
  static WebhookSource sourceOf(ChannelEvent event) {
    if (event instanceof ChannelEvent.AgentMessage || event instanceof ChannelEvent.AgentTyping) {
      return WebhookSource.GENESYS;
    }
    return WebhookSource.WHATSAPP;
  }

  /** The {@value #SOURCE} header, if it names a side. */
  static Optional<WebhookSource> source(AMQP.BasicProperties properties) {
    Object value = header(properties, SOURCE);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebhookSource.valueOf(value.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** When a message was accepted: its header, else its timestamp, else {@code fallback}. */
  static Instant receivedAt(AMQP.BasicProperties properties, Instant fallback) {
    Object value = header(properties, RECEIVED_AT);
    if (value != null) {
      try {
        return Instant.parse(value.toString());
      } catch (DateTimeParseException e) {
        // fall through to the timestamp
      }
    }
    Date timestamp = properties == null ? null : properties.getTimestamp();
    return timestamp == null ? fallback : timestamp.toInstant();
  }

  /** Whether a body is an event's JSON (a dead-lettered event being replayed), not a webhook. */
  static boolean isEvent(byte[] body) {
    if (body.length < EVENT_START.length) {
      return false;
    }
    for (int i = 0; i < EVENT_START.length; i++) {
      if (body[i] != EVENT_START[i]) {
        return false;
      }
    }
    return true;
  }

  private static Object header(AMQP.BasicProperties properties, String name) {
    if (properties == null || properties.getHeaders() == null) {
      return null;
    }
    // the client reads string headers back as LongString, whose toString is the text
    return properties.getHeaders().get(name);
  }
}
