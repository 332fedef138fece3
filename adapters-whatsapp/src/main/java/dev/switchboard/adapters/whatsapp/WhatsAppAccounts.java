package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.support.Checked;
import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.message.OutboundContent;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * @param reengagement how customers whose window closed are brought back; {@code null} when they
   *     are not (agents' messages outside the window fail)
   */
  public record Account(
      ConnectionId connection,
      String phoneNumberId,
      String accessToken,
      @Nullable Reengagement reengagement) {
    public Account {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(phoneNumberId, "phoneNumberId");
      Objects.requireNonNull(accessToken, "accessToken");
      if (phoneNumberId.isBlank() || accessToken.isBlank()) {
        throw new IllegalArgumentException("a number needs its id and an access token");
      }
      phoneNumberId = phoneNumberId.strip();
    }

    /** A number whose customers are not re-engaged. */
    public Account(ConnectionId connection, String phoneNumberId, String accessToken) {
      this(connection, phoneNumberId, accessToken, null);
    }

    @Override
    public String toString() {
      return "Account[" + connection + ", " + phoneNumberId + "]";
    }
  }

  /** {@code namespace@name:language}, the namespace optional. */
  private static final Pattern TEMPLATE =
      Pattern.compile(
          "(?:([A-Za-z0-9_-]+)@)?([a-z0-9_]{1,512}):([A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,4})?)");

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
      accounts.add(
          new Account(
              connection.name(),
              number.get(),
              token.get(),
              reengagement(connections, connection, problems)));
    }
    return new Checked<>(of(accounts), missing, problems);
  }

  /**
   * The connection's {@code whatsapp.reengagement-template} (else the shared one) with its {@code
   * whatsapp.reengagement-hold} (else the shared one, else {@link Reengagement#DEFAULT_HOLD});
   * {@code null} without a template. What cannot be read is a problem naming the property.
   */
  private static @Nullable Reengagement reengagement(
      ConnectionSettings connections,
      ConnectionSettings.Connection connection,
      List<String> problems) {
    Duration hold;
    try {
      hold = connections.durationOrShared(connection, REENGAGEMENT_HOLD).orElse(null);
    } catch (IllegalArgumentException notADuration) {
      problems.add(notADuration.getMessage());
      return null;
    }
    Optional<String> template = connections.valueOrShared(connection, REENGAGEMENT_TEMPLATE);
    if (template.isEmpty()) {
      return null;
    }
    Matcher parts = TEMPLATE.matcher(template.get());
    if (!parts.matches()) {
      problems.add(
          setting(connections, connection, REENGAGEMENT_TEMPLATE)
              + " is not a template as namespace@name:language (such as"
              + " acme@we_have_a_reply:en_US)");
      return null;
    }
    if (hold != null && (hold.isZero() || hold.isNegative())) {
      problems.add(setting(connections, connection, REENGAGEMENT_HOLD) + " must be longer than 0");
      return null;
    }
    return new Reengagement(
        new OutboundContent.Template(
            parts.group(1), parts.group(2), parts.group(3), List.of(), null),
        hold == null ? Reengagement.DEFAULT_HOLD : hold);
  }

  /** The property a connection's {@code key} was read from: its own, else the shared one. */
  private static String setting(
      ConnectionSettings connections, ConnectionSettings.Connection connection, String key) {
    return connections.value(connection, key).isPresent()
        ? connections.property(connection, key)
        : ConnectionSettings.shared(key);
  }

  private static final String PHONE_NUMBER_ID = "whatsapp.phone-number-id";
  private static final String ACCESS_TOKEN = "whatsapp.access-token";
  private static final String REENGAGEMENT_TEMPLATE = "whatsapp.reengagement-template";
  private static final String REENGAGEMENT_HOLD = "whatsapp.reengagement-hold";

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
