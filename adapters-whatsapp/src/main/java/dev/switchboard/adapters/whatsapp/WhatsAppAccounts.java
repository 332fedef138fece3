package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.support.Checked;
import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.domain.channel.ConnectionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The WhatsApp business numbers the bridge serves, one per connection, each with the Graph API
 * token it acts with: webhooks are routed to a connection by the number they name, and a
 * connection's sends leave from its own number.
 */
public final class WhatsAppAccounts {

  /**
   * One business number.
   *
   * @param connection the connection it serves
   * @param phoneNumberId the Graph API's id of the number
   * @param accessToken the bearer token for it; never shown
   */
  public record Account(ConnectionId connection, String phoneNumberId, String accessToken) {
    public Account {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(phoneNumberId, "phoneNumberId");
      Objects.requireNonNull(accessToken, "accessToken");
      if (phoneNumberId.isBlank() || accessToken.isBlank()) {
        throw new IllegalArgumentException("a number needs its id and an access token");
      }
      phoneNumberId = phoneNumberId.strip();
    }

    @Override
    public String toString() {
      return "Account[" + connection + ", " + phoneNumberId + "]";
    }
  }

  private final Map<ConnectionId, Account> byConnection = new LinkedHashMap<>();
  private final Map<String, Account> byNumber = new LinkedHashMap<>();

  private WhatsAppAccounts(List<Account> accounts) {
    for (Account account : accounts) {
      if (byConnection.putIfAbsent(account.connection(), account) != null) {
        throw new IllegalArgumentException(
            "connection " + account.connection() + " has two WhatsApp numbers");
      }
      Account other = byNumber.putIfAbsent(account.phoneNumberId(), account);
      if (other != null) {
        throw new IllegalArgumentException(
            "connections "
                + other.connection()
                + " and "
                + account.connection()
                + " both serve phone number id "
                + account.phoneNumberId());
      }
    }
  }

  /**
   * The numbers, each serving its connection.
   *
   * @throws IllegalArgumentException when two share a number or a connection
   */
  public static WhatsAppAccounts of(List<Account> accounts) {
    return new WhatsAppAccounts(List.copyOf(accounts));
  }

  /**
   * The numbers of the {@code whatsapp} connections: each needs its {@code
   * whatsapp.phone-number-id} and an access token (its own {@code whatsapp.access-token}, else
   * {@code switchboard.whatsapp.access-token}); the Meta app's {@code
   * switchboard.whatsapp.app-secret} and {@code verify-token} are required once any WhatsApp
   * connection exists. Two connections with one number are a problem naming both.
   */
  public static Checked<WhatsAppAccounts> read(ConnectionSettings connections) {
    List<String> missing = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<ConnectionSettings.Connection> numbers =
        connections.ofChannel(WhatsAppCloudMessagingChannel.CHANNEL.value());
    if (!numbers.isEmpty()) {
      for (String key : List.of("whatsapp.app-secret", "whatsapp.verify-token")) {
        if (connections.topLevel(ConnectionSettings.shared(key)).isEmpty()) {
          missing.add(ConnectionSettings.shared(key));
        }
      }
    }
    List<Account> accounts = new ArrayList<>();
    Map<String, ConnectionSettings.Connection> byNumber = new HashMap<>();
    for (ConnectionSettings.Connection connection : numbers) {
      Optional<String> token = connections.valueOrShared(connection, ACCESS_TOKEN);
      Optional<String> number = connections.value(connection, PHONE_NUMBER_ID);
      if (token.isEmpty()) {
        missing.add(connections.property(connection, ACCESS_TOKEN));
      }
      if (number.isEmpty()) {
        missing.add(connections.property(connection, PHONE_NUMBER_ID));
      }
      if (token.isEmpty() || number.isEmpty()) {
        continue;
      }
      ConnectionSettings.Connection other = byNumber.putIfAbsent(number.get(), connection);
      if (other != null) {
        problems.add(
            connections.property(other, PHONE_NUMBER_ID)
                + " and "
                + connections.property(connection, PHONE_NUMBER_ID)
                + " are the same number ("
                + number.get()
                + "): two connections cannot share one");
        continue;
      }
      accounts.add(new Account(connection.name(), number.get(), token.get()));
    }
    return new Checked<>(of(accounts), missing, problems);
  }

  private static final String PHONE_NUMBER_ID = "whatsapp.phone-number-id";
  private static final String ACCESS_TOKEN = "whatsapp.access-token";

  /** The number of a connection. */
  public Optional<Account> ofConnection(ConnectionId connection) {
    return Optional.ofNullable(byConnection.get(connection));
  }

  /** The connection a number serves. */
  public Optional<Account> ofNumber(String phoneNumberId) {
    return phoneNumberId == null
        ? Optional.empty()
        : Optional.ofNullable(byNumber.get(phoneNumberId.strip()));
  }

  /** Every number, in the order given. */
  public List<Account> all() {
    return List.copyOf(byConnection.values());
  }

  @Override
  public String toString() {
    return "WhatsAppAccounts" + all();
  }
}
