package dev.switchboard.adapters.whatsapp;

import dev.switchboard.domain.channel.ConnectionId;
import java.util.List;

/** The business numbers the tests serve: the default connection's and a second one's. */
final class TestAccounts {

  static final String DEFAULT_NUMBER = "106540352242922";
  static final String DEFAULT_TOKEN = "EAAG-test-access-token";
  static final ConnectionId SECOND = new ConnectionId("second");
  static final String SECOND_NUMBER = "106540352242923";
  static final String SECOND_TOKEN = "EAAG-second-access-token";

  private TestAccounts() {}

  /** The default connection's number alone. */
  static WhatsAppAccounts defaultOnly() {
    return WhatsAppAccounts.of(
        List.of(new WhatsAppAccounts.Account(ConnectionId.DEFAULT, DEFAULT_NUMBER, DEFAULT_TOKEN)));
  }

  /** The default connection's number and the second connection's. */
  static WhatsAppAccounts both() {
    return WhatsAppAccounts.of(
        List.of(
            new WhatsAppAccounts.Account(ConnectionId.DEFAULT, DEFAULT_NUMBER, DEFAULT_TOKEN),
            new WhatsAppAccounts.Account(SECOND, SECOND_NUMBER, SECOND_TOKEN)));
  }
}
