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

  /** One customer: WhatsApp id (digits, as {@code wa_id}), name, and a colour for the avatar. */
  record Customer(String waId, String name, String colour) {

    /** As Genesys sees the customer: E.164. */
    String e164() {
      return "+" + waId;
    }
  }

  private final List<Customer> all;

  Customers() {
    SecureRandom random = new SecureRandom();
    all =
        List.of(
            new Customer(
                "1650555" + String.format("01%02d", random.nextInt(100)), "Ana Souza", "#e76f51"),
            new Customer(
                "447700900" + String.format("%03d", random.nextInt(1_000)),
                "Ben Okafor",
                "#2a9d8f"),
            new Customer(
                "3161234" + String.format("%04d", random.nextInt(10_000)),
                "Chloé Martin",
                "#6d597a"));
  }

  List<Customer> all() {
    return all;
  }

  /** The customer with this WhatsApp id, or E.164 number. */
  Optional<Customer> find(String id) {
    String digits = id == null ? "" : id.startsWith("+") ? id.substring(1) : id;
    return all.stream().filter(c -> c.waId().equals(digits)).findFirst();
  }
}
