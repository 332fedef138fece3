package dev.switchboard.adapters.telegram;

import dev.switchboard.domain.channel.ConnectionId;
import java.util.List;

/** The bots the tests serve: connection {@code support}'s and connection {@code sales}'. */
final class TestBots {

  static final ConnectionId SUPPORT = new ConnectionId("support");
  static final String SUPPORT_TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  static final String SUPPORT_SECRET = "support-webhook_secret-0123456789";
  static final ConnectionId SALES = new ConnectionId("sales");
  static final String SALES_TOKEN = "7098765432:AAEr9ZyQz_salesBotSecretPart-abcdefgh";
  static final String SALES_SECRET = "sales-webhook_secret-9876543210";

  private TestBots() {}

  /** Both bots. */
  static TelegramBots both() {
    return TelegramBots.of(
        List.of(
            new TelegramBots.Bot(SUPPORT, SUPPORT_TOKEN, SUPPORT_SECRET),
            new TelegramBots.Bot(SALES, SALES_TOKEN, SALES_SECRET)));
  }
}
