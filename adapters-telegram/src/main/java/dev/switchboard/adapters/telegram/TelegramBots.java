package dev.switchboard.adapters.telegram;

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
import java.util.regex.Pattern;

/**
 * The Telegram bots the bridge serves, one per connection: the token it acts with (in the path of
 * every Bot API call) and the secret token Telegram presents on the connection's webhook. Neither
 * is ever shown: not by {@link #toString()}, not in a problem.
 */
public final class TelegramBots {

  /** A bot token as @BotFather gives it: the bot's id, {@code :}, and its secret part. */
  private static final Pattern BOT_TOKEN_FORM = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");

  /** The characters and length Telegram allows in {@code setWebhook}'s {@code secret_token}. */
  private static final Pattern SECRET_TOKEN_FORM = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  /** A connection's key for its bot's token. */
  static final String BOT_TOKEN = "telegram.bot-token";

  /** A connection's key for its webhook's secret token. */
  static final String SECRET_TOKEN = "telegram.secret-token";

  /**
   * One bot.
   *
   * @param connection the connection it serves
   * @param token the bot token, {@code <bot id>:<secret>}; never shown
   * @param secretToken what Telegram presents in {@code X-Telegram-Bot-Api-Secret-Token}; never
   *     shown
   */
  public record Bot(ConnectionId connection, String token, String secretToken) {
    public Bot {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(secretToken, "secretToken");
      token = token.strip();
      secretToken = secretToken.strip();
      if (!BOT_TOKEN_FORM.matcher(token).matches()) {
        throw new IllegalArgumentException(
            "a bot token is the bot's id, ':' and its secret part, as @BotFather gives it");
      }
      if (!SECRET_TOKEN_FORM.matcher(secretToken).matches()) {
        throw new IllegalArgumentException("a secret token is 1 to 256 of A-Z, a-z, 0-9, _ and -");
      }
    }

    /** The bot's own id: the part of its token before {@code :}; not a secret. */
    public String botId() {
      return botIdOf(token);
    }

    @Override
    public String toString() {
      return "Bot[" + connection + ", bot id " + botId() + "]";
    }
  }

  private final Map<ConnectionId, Bot> byConnection = new LinkedHashMap<>();

  private TelegramBots(List<Bot> bots) {
    Map<String, Bot> byBotId = new HashMap<>();
    for (Bot bot : bots) {
      if (byConnection.putIfAbsent(bot.connection(), bot) != null) {
        throw new IllegalArgumentException("connection " + bot.connection() + " has two bots");
      }
      Bot other = byBotId.putIfAbsent(bot.botId(), bot);
      if (other != null) {
        throw new IllegalArgumentException(
            "connections "
                + other.connection()
                + " and "
                + bot.connection()
                + " have the same bot");
      }
    }
  }

  /**
   * The bots, each serving its connection.
   *
   * @throws IllegalArgumentException when two share a bot or a connection
   */
  public static TelegramBots of(List<Bot> bots) {
    return new TelegramBots(List.copyOf(bots));
  }

  /**
   * The bots of the {@code telegram} connections: each needs its {@code telegram.bot-token} (the
   * bot's id, {@code :} and its secret part) and its {@code telegram.secret-token} (1 to 256 of
   * {@code A-Za-z0-9_-}, as {@code setWebhook} takes it); {@code switchboard.telegram.api-url},
   * when set, must be an absolute http(s) URL. Two connections with the same bot (the same token,
   * or the same bot id) are a problem naming both properties. Problems name properties, never
   * values.
   */
  public static Checked<TelegramBots> read(ConnectionSettings connections) {
    List<String> missing = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<ConnectionSettings.Connection> telegram =
        connections.ofChannel(TelegramBotApiMessagingChannel.CHANNEL.value());
    if (!telegram.isEmpty()
        && connections
            .topLevel(TelegramSettings.API_URL)
            .filter(url -> !TelegramSettings.isApiUrl(url))
            .isPresent()) {
      problems.add(
          TelegramSettings.API_URL
              + " must be an absolute http(s) URL without a query, such as "
              + TelegramSettings.DEFAULT_API_URL);
    }
    List<Bot> bots = new ArrayList<>();
    Map<String, ConnectionSettings.Connection> byBotId = new HashMap<>();
    for (ConnectionSettings.Connection connection : telegram) {
      Optional<String> token = connections.value(connection, BOT_TOKEN);
      Optional<String> secret = connections.value(connection, SECRET_TOKEN);
      boolean usable = true;
      if (token.isEmpty()) {
        missing.add(connections.property(connection, BOT_TOKEN));
        usable = false;
      } else if (!BOT_TOKEN_FORM.matcher(token.get()).matches()) {
        problems.add(
            connections.property(connection, BOT_TOKEN)
                + " is not a Telegram bot token: the bot's id, ':' and its secret part, as"
                + " @BotFather gives it");
        usable = false;
      }
      if (secret.isEmpty()) {
        missing.add(connections.property(connection, SECRET_TOKEN));
        usable = false;
      } else if (!SECRET_TOKEN_FORM.matcher(secret.get()).matches()) {
        problems.add(
            connections.property(connection, SECRET_TOKEN)
                + " must be 1 to 256 of A-Z, a-z, 0-9, _ and - (the secret_token of"
                + " setWebhook)");
        usable = false;
      }
      if (!usable) {
        continue;
      }
      ConnectionSettings.Connection other = byBotId.putIfAbsent(botIdOf(token.get()), connection);
      if (other != null) {
        problems.add(
            connections.property(other, BOT_TOKEN)
                + " and "
                + connections.property(connection, BOT_TOKEN)
                + " are the same bot: two connections cannot share one");
        continue;
      }
      bots.add(new Bot(connection.name(), token.get(), secret.get()));
    }
    return new Checked<>(of(bots), missing, problems);
  }

  private static String botIdOf(String token) {
    int colon = token.indexOf(':');
    return colon < 0 ? token : token.substring(0, colon);
  }

  /** The bot of a connection; empty when the connection has none (or is not a Telegram one). */
  public Optional<Bot> ofConnection(ConnectionId connection) {
    return Optional.ofNullable(connection == null ? null : byConnection.get(connection));
  }

  /** Every bot, in the order given. */
  public List<Bot> all() {
    return List.copyOf(byConnection.values());
  }

  @Override
  public String toString() {
    return "TelegramBots" + all();
  }
}
