package dev.switchboard.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.adapters.support.Checked;
import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramBotsTest {

  private static final String SUPPORT = "switchboard.connections.support.";
  private static final String SALES = "switchboard.connections.sales.";

  // ---------------------------------------------------------------- read

  @Test
  void each_telegram_connection_gets_its_bot_and_other_channels_none() {
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel",
                "telegram",
                SUPPORT + "telegram.bot-token",
                TestBots.SUPPORT_TOKEN,
                SUPPORT + "telegram.secret-token",
                TestBots.SUPPORT_SECRET,
                SALES + "channel",
                "telegram",
                SALES + "telegram.bot-token",
                " " + TestBots.SALES_TOKEN + " ",
                SALES + "telegram.secret-token",
                TestBots.SALES_SECRET,
                "switchboard.connections.wa.channel",
                "whatsapp",
                "switchboard.connections.wa.whatsapp.phone-number-id",
                "106540352242922"));

    assertThat(checked.isUsable()).isTrue();
    TelegramBots bots = checked.value();
    assertThat(bots.ofConnection(TestBots.SUPPORT))
        .hasValueSatisfying(
            bot -> {
              assertThat(bot.token()).isEqualTo(TestBots.SUPPORT_TOKEN);
              assertThat(bot.secretToken()).isEqualTo(TestBots.SUPPORT_SECRET);
            });
    assertThat(bots.ofConnection(TestBots.SALES).map(TelegramBots.Bot::token))
        .contains(TestBots.SALES_TOKEN);
    assertThat(bots.ofConnection(new ConnectionId("wa"))).isEmpty();
    assertThat(bots.ofConnection(ConnectionId.DEFAULT)).isEmpty();
    assertThat(bots.all()).hasSize(2);
  }

  @Test
  void without_telegram_connections_nothing_is_required() {
    Checked<TelegramBots> checked =
        read(
            Map.of(
                "switchboard.whatsapp.phone-number-id", "106540352242922",
                "switchboard.telegram.api-url", "not a url"));

    assertThat(checked.isUsable()).isTrue();
    assertThat(checked.value().all()).isEmpty();
  }

  @Test
  void a_missing_bot_token_and_secret_token_are_named_by_property() {
    Checked<TelegramBots> checked = read(Map.of(SUPPORT + "channel", "telegram"));

    assertThat(checked.missing())
        .containsExactly(SUPPORT + "telegram.bot-token", SUPPORT + "telegram.secret-token");
    assertThat(checked.problems()).isEmpty();
    assertThat(checked.value().all()).isEmpty();
  }

  @Test
  void a_blank_secret_token_is_missing() {
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel", "telegram",
                SUPPORT + "telegram.bot-token", TestBots.SUPPORT_TOKEN,
                SUPPORT + "telegram.secret-token", "  "));

    assertThat(checked.missing()).containsExactly(SUPPORT + "telegram.secret-token");
  }

  @ParameterizedTest(name = "secret token \"{0}\"")
  @ValueSource(strings = {"has spaces in it", "semi;colon", "ümlaut", "dot.ted"})
  void a_secret_token_telegram_would_not_take_is_a_problem_naming_the_property_not_the_value(
      String secret) {
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel",
                "telegram",
                SUPPORT + "telegram.bot-token",
                TestBots.SUPPORT_TOKEN,
                SUPPORT + "telegram.secret-token",
                secret));

    assertThat(checked.missing()).isEmpty();
    assertThat(checked.problems())
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .startsWith(SUPPORT + "telegram.secret-token ")
                    .contains("1 to 256")
                    .doesNotContain(secret));
    assertThat(checked.value().all()).isEmpty();
  }

  @Test
  void a_secret_token_longer_than_256_characters_is_a_problem() {
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel",
                "telegram",
                SUPPORT + "telegram.bot-token",
                TestBots.SUPPORT_TOKEN,
                SUPPORT + "telegram.secret-token",
                "a".repeat(257)));

    assertThat(checked.problems()).singleElement().asString().contains("telegram.secret-token");
    assertThat(
            read(Map.of(
                    SUPPORT + "channel",
                    "telegram",
                    SUPPORT + "telegram.bot-token",
                    TestBots.SUPPORT_TOKEN,
                    SUPPORT + "telegram.secret-token",
                    "A-z_9".repeat(51) + "x"))
                .isUsable())
        .isTrue();
  }

  @Test
  void a_value_that_is_no_bot_token_is_a_problem_naming_the_property_not_the_value() {
    String notAToken = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel",
                "telegram",
                SUPPORT + "telegram.bot-token",
                notAToken,
                SUPPORT + "telegram.secret-token",
                TestBots.SUPPORT_SECRET));

    assertThat(checked.problems())
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .startsWith(SUPPORT + "telegram.bot-token ")
                    .doesNotContain(notAToken));
  }

  @Test
  void two_connections_with_the_same_token_are_a_problem_naming_both_never_the_token() {
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel", "telegram",
                SUPPORT + "telegram.bot-token", TestBots.SUPPORT_TOKEN,
                SUPPORT + "telegram.secret-token", TestBots.SUPPORT_SECRET,
                SALES + "channel", "telegram",
                SALES + "telegram.bot-token", TestBots.SUPPORT_TOKEN,
                SALES + "telegram.secret-token", TestBots.SALES_SECRET));

    assertSameBotProblem(checked);
  }

  @Test
  void two_connections_with_tokens_of_the_same_bot_are_a_problem_naming_both() {
    // a revoked and a new token of one bot share the bot's id
    String sameBotNewToken = "7012345678:AAFnewSecretPartAfterRevoke_0123456";
    Checked<TelegramBots> checked =
        read(
            Map.of(
                SUPPORT + "channel",
                "telegram",
                SUPPORT + "telegram.bot-token",
                TestBots.SUPPORT_TOKEN,
                SUPPORT + "telegram.secret-token",
                TestBots.SUPPORT_SECRET,
                SALES + "channel",
                "telegram",
                SALES + "telegram.bot-token",
                sameBotNewToken,
                SALES + "telegram.secret-token",
                TestBots.SALES_SECRET));

    assertSameBotProblem(checked);
    assertThat(checked.problems().get(0)).doesNotContain(sameBotNewToken);
  }

  private static void assertSameBotProblem(Checked<TelegramBots> checked) {
    assertThat(checked.missing()).isEmpty();
    assertThat(checked.problems())
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .contains(SALES + "telegram.bot-token")
                    .contains(SUPPORT + "telegram.bot-token")
                    .contains("same bot")
                    .doesNotContain(TestBots.SUPPORT_TOKEN)
                    .doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"));
    // the first connection (by name) keeps the bot; the other is left out
    assertThat(checked.value().all())
        .extracting(TelegramBots.Bot::connection)
        .containsExactly(TestBots.SALES);
  }

  @ParameterizedTest(name = "api-url \"{0}\"")
  @ValueSource(
      strings = {"api.telegram.org", "ftp://api.telegram.org", "/bot", "https://", "http://h/?q=1"})
  void an_api_url_that_is_not_an_absolute_http_url_is_a_problem_once_telegram_is_used(String url) {
    Map<String, Object> values = new HashMap<>(supportOnly());
    values.put("switchboard.telegram.api-url", url);

    Checked<TelegramBots> checked = read(values);

    assertThat(checked.problems())
        .singleElement()
        .asString()
        .startsWith("switchboard.telegram.api-url must be an absolute http(s) URL");
  }

  @ParameterizedTest(name = "api-url \"{0}\"")
  @ValueSource(
      strings = {
        "https://api.telegram.org",
        "http://127.0.0.1:8081",
        "http://localhost:8080/sandbox/telegram/"
      })
  void an_absolute_http_api_url_is_fine(String url) {
    Map<String, Object> values = new HashMap<>(supportOnly());
    values.put("switchboard.telegram.api-url", url);

    assertThat(read(values).isUsable()).isTrue();
  }

  // ---------------------------------------------------------------- the value

  @Test
  void a_bot_never_shows_its_tokens() {
    TelegramBots bots = TestBots.both();

    assertThat(bots.toString() + bots.all())
        .contains("support")
        .contains("7012345678")
        .doesNotContain(TestBots.SUPPORT_TOKEN)
        .doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
        .doesNotContain(TestBots.SUPPORT_SECRET)
        .doesNotContain(TestBots.SALES_SECRET);
  }

  @Test
  void two_bots_cannot_share_a_bot_or_one_connection_have_two() {
    assertThatThrownBy(
            () ->
                TelegramBots.of(
                    List.of(
                        new TelegramBots.Bot(TestBots.SUPPORT, TestBots.SUPPORT_TOKEN, "a"),
                        new TelegramBots.Bot(TestBots.SALES, TestBots.SUPPORT_TOKEN, "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(TestBots.SUPPORT_TOKEN);
    assertThatThrownBy(
            () ->
                TelegramBots.of(
                    List.of(
                        new TelegramBots.Bot(TestBots.SUPPORT, TestBots.SUPPORT_TOKEN, "a"),
                        new TelegramBots.Bot(TestBots.SUPPORT, TestBots.SALES_TOKEN, "b"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_bot_needs_a_token_and_a_secret_token_of_telegram_form() {
    assertThatThrownBy(() -> new TelegramBots.Bot(TestBots.SUPPORT, "no-colon", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("no-colon");
    assertThatThrownBy(
            () -> new TelegramBots.Bot(TestBots.SUPPORT, TestBots.SUPPORT_TOKEN, "not secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not secret");
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Object> supportOnly() {
    return Map.of(
        SUPPORT + "channel", "telegram",
        SUPPORT + "telegram.bot-token", TestBots.SUPPORT_TOKEN,
        SUPPORT + "telegram.secret-token", TestBots.SUPPORT_SECRET);
  }

  private static Checked<TelegramBots> read(Map<String, ?> values) {
    Map<String, Object> all = new HashMap<>(values);
    return TelegramBots.read(
        ConnectionSettings.read(
            new PropertySourcePropertyResolver(MapPropertySource.of("test", all))));
  }
}
