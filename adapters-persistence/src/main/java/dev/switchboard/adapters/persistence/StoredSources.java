package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import java.util.Objects;

/**
 * How a webhook's source is stored (inbox rows, journal records, dead letters, broker messages):
 * its {@link WebhookSource#value() value}, such as {@code whatsapp} or {@code genesys/sales}.
 * Earlier releases wrote {@code WHATSAPP} and {@code GENESYS}, from before there were connections:
 * those read as WhatsApp (routed by the number inside) and as Genesys for the {@code default}
 * connection.
 *
 * <p>Public because {@code adapters-rabbitmq} writes the sources of its messages in the same form.
 */
public final class StoredSources {

  private static final String LEGACY_WHATSAPP = "WHATSAPP";
  private static final String LEGACY_GENESYS = "GENESYS";

  private StoredSources() {}

  /** The stored form of {@code source}. */
  public static String write(WebhookSource source) {
    return Objects.requireNonNull(source, "source").value();
  }

  /**
   * The source a stored form names.
   *
   * @throws IllegalArgumentException when it names none
   */
  public static WebhookSource read(String stored) {
    Objects.requireNonNull(stored, "stored");
    if (LEGACY_WHATSAPP.equals(stored)) {
      return WebhookSource.of("whatsapp");
    }
    if (LEGACY_GENESYS.equals(stored)) {
      return WebhookSource.of("genesys", ConnectionId.DEFAULT);
    }
    return WebhookSource.parse(stored);
  }
}
