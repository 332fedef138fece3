package dev.switchboard.application.pipeline;

import dev.switchboard.domain.channel.ConnectionId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who sent a webhook to the bridge: a channel ({@code whatsapp}, {@code telegram}) or the contact
 * center ({@code genesys}), and the connection the webhook was sent for when its address names one
 * (a WhatsApp webhook names its business number inside instead, and is routed when it is decoded).
 *
 * @param name the sender's name: lower case letters, digits and {@code -}, starting with a letter
 * @param connection the connection the webhook's address named; {@code null} when none
 */
public record WebhookSource(String name, ConnectionId connection) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final char SEPARATOR = '/';

  public WebhookSource {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a webhook sender's name: " + name);
    }
  }

  /** A sender whose webhooks name no connection in their address. */
  public static WebhookSource of(String name) {
    return new WebhookSource(name, null);
  }

  /** A sender's webhook for {@code connection}. */
  public static WebhookSource of(String name, ConnectionId connection) {
    return new WebhookSource(name, Objects.requireNonNull(connection, "connection"));
  }

  /**
   * The source {@link #value()} wrote: {@code name} or {@code name/connection}.
   *
   * @throws IllegalArgumentException when it is neither
   */
  public static WebhookSource parse(String value) {
    Objects.requireNonNull(value, "value");
    int slash = value.indexOf(SEPARATOR);
    if (slash < 0) {
      return of(value);
    }
    return of(value.substring(0, slash), new ConnectionId(value.substring(slash + 1)));
  }

  /** The source as text: {@code whatsapp}, {@code genesys/default}, {@code telegram/support}. */
  public String value() {
    return connection == null ? name : name + SEPARATOR + connection.value();
  }

  @Override
  public String toString() {
    return value();
  }
}
