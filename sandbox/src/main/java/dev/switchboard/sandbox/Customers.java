package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The customers the phone can be: fictional numbers (North America's 555-01xx, the UK's 07700
 * 900xxx, both kept for fiction), drawn again at each start so that a new run starts new
 * conversations (the bridge's data, and with it each customer's 24-hour window, outlives the run).
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class Customers {

  static final String WHATSAPP = "whatsapp";
  static final String TELEGRAM = "telegram";

  /**
   * One customer: the id the channel knows them by (WhatsApp's {@code wa_id}, digits; Telegram's
   * user id, which is also the private chat's id), the channel, the connection they write to, a
   * name and the avatar's colour.
   */
  record Customer(String id, String channel, String connection, String name, String colour) {

    boolean onTelegram() {
      return TELEGRAM.equals(channel);
    }

    /** As Genesys sees the customer: E.164 on WhatsApp, the user id on Telegram. */
    String genesysId() {
      return onTelegram() ? id : "+" + id;
    }

    String firstName() {
      return name.split(" ")[0];
    }

    String lastName() {
      String[] parts = name.split(" ", 2);
      return parts.length > 1 ? parts[1] : null;
    }
  }

  private final List<Customer> all;

  Customers() {
    SecureRandom random = new SecureRandom();
    all =
        List.of(
            new Customer(
                "1650555" + String.format("01%02d", random.nextInt(100)),
                WHATSAPP,
                "default",
                "Ana Souza",
                "#e76f51"),
            new Customer(
                "447700900" + String.format("%03d", random.nextInt(1_000)),
                WHATSAPP,
                "default",
                "Ben Okafor",
                "#2a9d8f"),
            new Customer(
                Long.toString(5_000_000_000L + random.nextInt(1_000_000_000)),
                TELEGRAM,
                Sandbox.TELEGRAM_CONNECTION,
                "Chloé Martin",
                "#229ed9"),
            new Customer(
                "1202555" + String.format("01%02d", random.nextInt(100)),
                WHATSAPP,
                Sandbox.REENGAGE_CONNECTION,
                "Dev Patel",
                "#e9a23b"));
  }

  List<Customer> all() {
    return all;
  }

  /** The customer with this id, or (WhatsApp) E.164 number. */
  Optional<Customer> find(String id) {
    String bare = id == null ? "" : id.startsWith("+") ? id.substring(1) : id;
    return all.stream().filter(c -> c.id().equals(bare)).findFirst();
  }
}
