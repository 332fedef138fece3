package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import dev.switchboard.adapters.persistence.StoredSources;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.WebhookSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The form of the bridge's messages: persistent, with a unique message id, and headers naming the
 * side a message came from ({@value #SOURCE}) and, for webhooks, when it was accepted ({@value
 * #RECEIVED_AT}, ISO-8601). Accepted webhooks are published in batches ({@value #WEBHOOKS_TYPE},
 * {@link WebhookBatches}), each webhook with its own side and time; a single webhook ({@value
 * #WEBHOOK_TYPE}, with the headers) is what earlier versions published, and is still read. The
 * events a publish sends to one shard go as one message ({@value #EVENTS_TYPE}, a JSON array); a
 * single event ({@value #EVENT_TYPE}) is what earlier versions published, and is still read.
 */
final class Messages {

  static final String SOURCE = "source";
  static final String RECEIVED_AT = "received-at";
  static final String COUNT = "count";

  /**
   * On a group of events: when each event's webhook was accepted, in the events' order, as epoch
   * milliseconds (-1 when not known). Groups of earlier versions have none: not timed.
   */
  static final String ACCEPTED_AT = "accepted-at";

  static final String WEBHOOK_TYPE = "application/octet-stream";
  static final String WEBHOOKS_TYPE = "application/vnd.switchboard.webhooks";
  static final String EVENT_TYPE = "application/json";
  static final String EVENTS_TYPE = "application/vnd.switchboard.events+json";

  /** The source name of a decoded event set aside on its own. */
  static final String EVENT_SOURCE = "event";

  /** How the JSON of every event begins: its variant comes first ({@code OutboxCodec}). */
  private static final byte[] EVENT_START =
      "{\"@type\":\"ChannelEvent.".getBytes(StandardCharsets.UTF_8);

  private Messages() {}

  static AMQP.BasicProperties webhook(WebhookSource source, Instant receivedAt) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(SOURCE, StoredSources.write(source));
    headers.put(RECEIVED_AT, receivedAt.toString());
    return properties(WEBHOOK_TYPE, headers, receivedAt);
  }

  /** A batch of accepted webhooks ({@link WebhookBatches}); each carries its own side and time. */
  static AMQP.BasicProperties webhooks(int count, Instant now) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(COUNT, count);
    return properties(WEBHOOKS_TYPE, headers, now);
  }

  /** Whether a message is a batch of webhooks (else a single webhook or event). */
  static boolean isWebhookBatch(AMQP.BasicProperties properties) {
    return properties != null && WEBHOOKS_TYPE.equals(properties.getContentType());
  }

  /** Events of one shard, in order, as a JSON array; each names its own side. */
  static AMQP.BasicProperties events(int count, Instant now) {
    return events(count, null, now);
  }

  /**
   * Events of one shard with when each one's webhook was accepted ({@code acceptedAt} in their
   * order, elements {@code null} when not known; {@code null} when none is).
   */
  static AMQP.BasicProperties events(int count, List<Instant> acceptedAt, Instant now) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(COUNT, count);
    if (acceptedAt != null && acceptedAt.stream().anyMatch(Objects::nonNull)) {
      List<Long> millis = new ArrayList<>(acceptedAt.size());
      for (Instant at : acceptedAt) {
        millis.add(at == null ? -1L : at.toEpochMilli());
      }
      headers.put(ACCEPTED_AT, millis);
    }
    return properties(EVENTS_TYPE, headers, now);
  }

  /**
   * When each of a group's {@code count} events' webhook was accepted, in order; {@code null}
   * elements where not known (every one for a group of an earlier version, or an unreadable
   * header).
   */
  static List<Instant> acceptedAt(AMQP.BasicProperties properties, int count) {
    List<Instant> times = new ArrayList<>(Collections.nCopies(count, null));
    if (header(properties, ACCEPTED_AT) instanceof List<?> values && values.size() == count) {
      for (int i = 0; i < count; i++) {
        if (values.get(i) instanceof Number millis && millis.longValue() >= 0) {
          times.set(i, Instant.ofEpochMilli(millis.longValue()));
        }
      }
    }
    return times;
  }

  /** Whether a message holds several events (else one event, as earlier versions published). */
  static boolean isEventGroup(AMQP.BasicProperties properties) {
    return properties != null && EVENTS_TYPE.equals(properties.getContentType());
  }

  static AMQP.BasicProperties event(ChannelEvent event, Instant now) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(SOURCE, StoredSources.write(sourceOf(event)));
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

  /**
   * The source an event is set aside under when it keeps failing: {@value #EVENT_SOURCE} and its
   * connection. Replayed through the ingest queue, its body (the event's JSON) is recognised and
   * published to its shard as it is, without a decoder.
   */
  static WebhookSource sourceOf(ChannelEvent event) {
    return WebhookSource.of(EVENT_SOURCE, event.connection());
  }

  /** The {@value #SOURCE} header, if it names a side. */
  static Optional<WebhookSource> source(AMQP.BasicProperties properties) {
    Object value = header(properties, SOURCE);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoredSources.read(value.toString()));
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
