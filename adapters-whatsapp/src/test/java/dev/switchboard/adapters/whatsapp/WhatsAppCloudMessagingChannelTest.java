package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Cloud API client against a local stub of the Graph API. */
class WhatsAppCloudMessagingChannelTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final String TOKEN = TestAccounts.DEFAULT_TOKEN;
  private static final String PHONE_NUMBER_ID = TestAccounts.DEFAULT_NUMBER;
  private static final String BSUID = "US.13491208655302741918";
  private static final String ACCEPTED =
      "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"16505551234\","
          + "\"wa_id\":\"16505551234\"}],\"messages\":[{\"id\":\"wamid.OUT1\"}]}";

  private StubGraphApi graph;
  private WhatsAppCloudMessagingChannel channel;

  @BeforeEach
  void start() throws IOException {
    graph = new StubGraphApi();
    channel = channel(graph.url(), Duration.ofSeconds(5), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    channel.close();
    graph.close();
  }

  // ---------------------------------------------------------------- the request

  @Test
  void a_text_is_posted_with_the_bearer_token_in_the_documented_shape() throws IOException {
    graph.answer(200, ACCEPTED);

    DispatchOutcome outcome = send(toPhone("Yes, it comes in blue."));

    assertThat(outcome).isEqualTo(new DispatchOutcome.Done(List.of("wamid.OUT1")));
    assertThat(graph.requests()).hasSize(1);
    StubHttpServer.Request request = graph.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(json(request.body()))
        .isEqualTo(
            Map.of(
                "messaging_product", "whatsapp",
                "recipient_type", "individual",
                "to", "16505551234",
                "type", "text",
                "text", Map.of("preview_url", false, "body", "Yes, it comes in blue.")));
  }

  @Test
  void each_connection_sends_from_its_own_number_with_its_own_token() {
    graph.answer(200, ACCEPTED);

    channel.send(new ChannelSend(TestAccounts.SECOND, toPhone("hi"), null, null));
    channel.send(new ChannelSend(ConnectionId.DEFAULT, toPhone("hi"), null, null));

    assertThat(graph.requests())
        .extracting(StubHttpServer.Request::path, r -> r.header("Authorization"))
        .containsExactly(
            tuple(
                "/v26.0/" + TestAccounts.SECOND_NUMBER + "/messages",
                "Bearer " + TestAccounts.SECOND_TOKEN),
            tuple("/v26.0/" + PHONE_NUMBER_ID + "/messages", "Bearer " + TOKEN));
  }

  @Test
  void a_reply_route_does_not_change_the_number_that_sends() {
    graph.answer(200, ACCEPTED);

    channel.send(
        new ChannelSend(
            ConnectionId.DEFAULT, toPhone("hi"), new ReplyRoute("200000000000001"), null));

    assertThat(graph.requests().get(0).path()).isEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages");
  }

  @Test
  void a_customer_known_only_by_user_id_is_addressed_as_recipient() throws IOException {
    graph.answer(200, ACCEPTED);
    OutboundMessage message =
        new OutboundMessage(
            "genesys-2", CustomerId.opaque(BSUID), new OutboundContent.Text("hello there"));

    send(message);

    Map<String, Object> body = json(graph.requests().get(0).body());
    assertThat(body).containsEntry("recipient", BSUID).doesNotContainKey("to");
    assertThat(body).containsEntry("text", Map.of("preview_url", false, "body", "hello there"));
  }

  @Test
  void a_send_goes_to_the_wa_id_as_whatsapp_gave_it_when_the_route_names_one() throws IOException {
    graph.answer(200, ACCEPTED);
    OutboundMessage toMexico =
        new OutboundMessage(
            "genesys-3", CustomerId.phone("+526681855146"), new OutboundContent.Text("hola"));
    OutboundMessage toUserId =
        new OutboundMessage(
            "genesys-4", CustomerId.opaque(BSUID), new OutboundContent.Text("hola"));

    channel.send(
        new ChannelSend(ConnectionId.DEFAULT, toMexico, new ReplyRoute("5216681855146"), null));
    channel.send(new ChannelSend(ConnectionId.DEFAULT, toMexico, null, null));
    channel.send(
        new ChannelSend(ConnectionId.DEFAULT, toUserId, new ReplyRoute("16505551234"), null));

    assertThat(json(graph.requests().get(0).body()))
        .containsEntry("to", "5216681855146")
        .doesNotContainKey("recipient");
    assertThat(json(graph.requests().get(1).body()))
        .containsEntry("to", "526681855146")
        .doesNotContainKey("recipient");
    assertThat(json(graph.requests().get(2).body()))
        .containsEntry("to", "16505551234")
        .doesNotContainKey("recipient");
  }

  @Test
  void a_graph_url_with_a_path_keeps_it() {
    channel.close();
    channel = channel(graph.url() + "/graph/", Duration.ofSeconds(5), Clock.systemUTC());
    graph.answer(200, ACCEPTED);

    send(toPhone("hi"));

    assertThat(graph.requests().get(0).path())
        .isEqualTo("/graph/v26.0/" + PHONE_NUMBER_ID + "/messages");
  }

  @Test
  void an_accepted_send_without_a_message_id_is_done_without_ids() {
    graph.answer(200, "{\"messaging_product\":\"whatsapp\"}");

    assertThat(send(toPhone("hi"))).isEqualTo(DispatchOutcome.Done.withoutIds());
  }

  // ---------------------------------------------------------------- passing failures

  @ParameterizedTest
  @CsvSource({
    "400, 1",
    "400, 2",
    "400, 4",
    "400, 80007",
    "400, 130429",
    "400, 131000",
    "400, 131016",
    "400, 131056",
    "403, 4"
  })
  void a_retryable_code_is_retried_whatever_the_http_status(int status, int code) {
    graph.answer(status, graphError(code, "(#" + code + ") passing trouble", null));

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains(String.valueOf(code));
  }

  @Test
  void a_429_is_retried_after_the_seconds_it_asks_for() {
    graph.answer(
        429, graphError(130429, "(#130429) Rate limit hit", null), Map.of("Retry-After", "7"));

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void a_retry_after_date_is_measured_against_the_clock() {
    channel.close();
    Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:27:30Z"), ZoneOffset.UTC);
    channel = channel(graph.url(), Duration.ofSeconds(5), clock);
    graph.answer(429, "", Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_503_without_a_body_is_retried_without_a_wait_of_its_own() {
    graph.answer(503, "");

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isNull();
  }

  @Test
  void a_500_with_an_unknown_code_is_retried() {
    graph.answer(500, graphError(987654, "odd", null));

    assertThat(send(toPhone("hi"))).isInstanceOf(DispatchOutcome.RetryLater.class);
  }

  @Test
  void a_5xx_that_carries_a_known_permanent_code_is_refused() {
    graph.answer(500, graphError(131026, "(#131026) Message undeliverable", null));

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
  }

  @Test
  void a_timeout_is_retried() {
    channel.close();
    channel = channel(graph.url(), Duration.ofMillis(300), Clock.systemUTC());
    graph.answer(200, ACCEPTED).delay(Duration.ofSeconds(3));

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("in time");
  }

  @Test
  void an_unreachable_graph_api_is_retried() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    channel.close();
    channel = channel("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2), Clock.systemUTC());

    DispatchOutcome outcome = send(toPhone("hi"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason())
        .startsWith("the Graph API could not be reached")
        .doesNotContain(TOKEN);
  }

  // ---------------------------------------------------------------- permanent refusals

  @Test
  void an_undeliverable_recipient_is_refused_as_invalid_destination() {
    graph.answer(
        400, graphError(131026, "(#131026) Message undeliverable", "Message Undeliverable."));

    DispatchOutcome.Refused refused = refused(send(toPhone("hi")));

    assertThat(refused.failure().reason()).isEqualTo(FailureReason.INVALID_DESTINATION);
    assertThat(refused.failure().message())
        .contains("(#131026) Message undeliverable")
        .contains("Message Undeliverable.");
  }

  @Test
  void a_closed_window_is_refused_as_message_expired() {
    graph.answer(400, graphError(131047, "(#131047) Re-engagement message", null));

    DispatchOutcome.Refused refused = refused(send(toPhone("hi")));

    assertThat(refused.failure().reason()).isEqualTo(FailureReason.MESSAGE_EXPIRED);
  }

  @Test
  void an_invalid_parameter_is_refused_as_a_general_error() {
    graph.answer(400, graphError(100, "(#100) Invalid parameter", "text.body is too long"));

    DispatchOutcome.Refused refused = refused(send(toPhone("hi")));

    assertThat(refused.failure().reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(refused.failure().message()).contains("Invalid parameter");
  }

  @Test
  void a_refused_token_is_a_refusal_that_never_shows_the_token() {
    graph.answer(
        401,
        "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\","
            + "\"code\":190,\"fbtrace_id\":\"AbC\"}}");

    DispatchOutcome.Refused refused = refused(send(toPhone("hi")));

    assertThat(refused.failure().reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(refused.toString()).doesNotContain(TOKEN);
  }

  @Test
  void a_4xx_that_is_not_a_graph_error_is_refused_by_its_status() {
    graph.answer(404, "<html>not found</html>");

    DispatchOutcome.Refused refused = refused(send(toPhone("hi")));

    assertThat(refused.failure().reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(refused.failure().message()).contains("404");
  }

  @Test
  void without_any_business_number_nothing_is_sent() {
    channel.close();
    channel =
        new WhatsAppCloudMessagingChannel(
            new WhatsAppSettings("secret", "verify", TOKEN, null, graph.url(), "v26.0", null, null),
            WhatsAppAccounts.of(List.of()),
            JSON);

    assertThat(send(toPhone("hi"))).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(graph.requests()).isEmpty();
  }

  @Test
  void a_send_of_a_connection_without_a_number_is_refused_without_a_call() {
    DispatchOutcome.Refused refused =
        refused(
            channel.send(new ChannelSend(new ConnectionId("nowhere"), toPhone("hi"), null, null)));

    assertThat(refused.failure().reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(refused.failure().message()).contains("nowhere");
    assertThat(graph.requests()).isEmpty();
  }

  // ---------------------------------------------------------------- what the channel is

  @Test
  void the_channel_is_whatsapp_with_whatsapps_limits_and_rules() {
    ChannelCapabilities capabilities = channel.capabilities();

    assertThat(channel.channel()).isEqualTo(new ChannelId("whatsapp"));
    assertThat(capabilities).isSameAs(WhatsAppCloudMessagingChannel.CAPABILITIES);
    assertThat(capabilities.textLimit()).isEqualTo(4096);
    assertThat(capabilities.captionLimit()).isEqualTo(1024);
    assertThat(capabilities.maxTappableOptions()).isEqualTo(10);
    assertThat(capabilities.mediaLimits())
        .isEqualTo(
            Map.of(
                MediaKind.IMAGE, 5L * 1024 * 1024,
                MediaKind.VIDEO, 16L * 1024 * 1024,
                MediaKind.AUDIO, 16L * 1024 * 1024,
                MediaKind.DOCUMENT, 100L * 1024 * 1024,
                MediaKind.STICKER, 500L * 1024));
    assertThat(capabilities.serviceWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(capabilities.templates()).isTrue();
    assertThat(capabilities.reportsDelivery()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "200|not json",
        "200|[]",
        "200|{\"messages\":\"x\"}",
        "400|{\"error\":\"a string\"}",
        "400|{\"error\":{\"code\":\"not a number\"}}",
        "302|",
        "500|null",
        "429|{\"error\":{}}"
      })
  void no_exception_escapes_whatever_the_answer(int status, String body) {
    graph.answer(status, body == null ? "" : body, Map.of("Retry-After", "soon-ish"));

    assertThatCode(
            () -> {
              DispatchOutcome outcome = send(toPhone("hi"));
              assertThat(outcome).isNotNull();
              assertThat(outcome.toString()).doesNotContain(TOKEN);
            })
        .doesNotThrowAnyException();
  }

  // ---------------------------------------------------------------- helpers

  private static WhatsAppCloudMessagingChannel channel(
      String graphUrl, Duration readTimeout, Clock clock) {
    // the numbers and tokens are the accounts': the settings' own are not what sends
    WhatsAppSettings settings =
        new WhatsAppSettings(
            "secret", "verify", null, null, graphUrl, "v26.0", Duration.ofSeconds(2), readTimeout);
    return new WhatsAppCloudMessagingChannel(settings, TestAccounts.both(), JSON, clock);
  }

  private DispatchOutcome send(OutboundMessage message) {
    return channel.send(new ChannelSend(ConnectionId.DEFAULT, message, null, null));
  }

  private static OutboundMessage toPhone(String text) {
    return new OutboundMessage(
        "genesys-1", CustomerId.phone("+16505551234"), new OutboundContent.Text(text));
  }

  private static String graphError(int code, String message, String details) {
    return "{\"error\":{\"message\":\""
        + message
        + "\",\"type\":\"OAuthException\",\"code\":"
        + code
        + (details == null
            ? ""
            : ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\""
                + details
                + "\"}")
        + ",\"fbtrace_id\":\"AkitFake\"}}";
  }

  private static DispatchOutcome.Refused refused(DispatchOutcome outcome) {
    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    return (DispatchOutcome.Refused) outcome;
  }

  private static Map<String, Object> json(byte[] body) throws IOException {
    return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
  }
}
