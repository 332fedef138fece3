package dev.switchboard.adapters.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenesysOpenMessagingContactCenterTest {

  private static final String INTEGRATION = "6685901b-6d0e-43db-95ff-d64406e9dce2";
  private static final String MESSAGE_PATH =
      "/api/v2/conversations/messages/" + INTEGRATION + "/inbound/open/message";
  private static final String RECEIPT_PATH =
      "/api/v2/conversations/messages/" + INTEGRATION + "/inbound/open/receipt";
  private static final String TOKEN_PATH = "/oauth/token";
  private static final Instant START = Instant.parse("2025-06-10T21:00:00Z");

  private StubGenesys genesys;
  private MutableClock clock;
  private GenesysOpenMessagingContactCenter center;

  @BeforeEach
  void start() throws IOException {
    genesys = new StubGenesys();
    clock = new MutableClock(START);
    center = contactCenter(genesys.url(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    center.close();
    genesys.close();
  }

  private GenesysOpenMessagingContactCenter contactCenter(String url, Duration timeout) {
    GenesysSettings settings =
        new GenesysSettings(
            url,
            url,
            StubGenesys.CLIENT_ID,
            StubGenesys.CLIENT_SECRET,
            INTEGRATION,
            "webhook-secret",
            null);
    return new GenesysOpenMessagingContactCenter(settings, Fixtures.json(), clock, timeout);
  }

  // ------------------------------------------------------------------ request shapes

  @Test
  void forwards_a_phone_customers_text_as_an_open_messaging_inbound_message() {
    InboundMessage message =
        new InboundMessage(
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
            new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
            "106540352242922",
            Instant.parse("2025-06-10T21:03:05Z"),
            new InboundContent.Text("Does it come in blue? \u00e4 \uD83D\uDC4D"));

    DispatchOutcome outcome = center.forward(message);

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = only(genesys.requestsTo("/inbound/open/message"));
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(MESSAGE_PATH);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer stub-token-1");
    JsonNode body = json(request);
    assertThat(keys(body)).containsExactlyInAnyOrder("channel", "text");
    assertThat(body.get("text").getStringValue())
        .isEqualTo("Does it come in blue? \u00e4 \uD83D\uDC4D");
    JsonNode channel = body.get("channel");
    assertThat(keys(channel)).containsExactlyInAnyOrder("messageId", "from", "time");
    assertThat(channel.get("messageId").getStringValue())
        .isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    assertThat(channel.get("time").getStringValue()).isEqualTo("2025-06-10T21:03:05.000Z");
    JsonNode from = channel.get("from");
    assertThat(keys(from)).containsExactlyInAnyOrder("id", "idType", "nickname");
    assertThat(from.get("id").getStringValue()).isEqualTo("+16505551234");
    assertThat(from.get("idType").getStringValue()).isEqualTo("Phone");
    assertThat(from.get("nickname").getStringValue()).isEqualTo("Sheena Nelson");
  }

  @Test
  void forwards_an_opaque_customer_without_a_name_with_no_nickname() {
    InboundMessage message =
        new InboundMessage(
            "wamid.opaque",
            new Customer(CustomerId.opaque("US.13491208655302741918"), null),
            null,
            Instant.parse("2025-06-10T21:03:05.427Z"),
            new InboundContent.Text("no number given"));

    assertThat(center.forward(message)).isInstanceOf(DispatchOutcome.Done.class);

    JsonNode from = json(only(genesys.requestsTo(MESSAGE_PATH))).get("channel").get("from");
    assertThat(keys(from)).containsExactlyInAnyOrder("id", "idType");
    assertThat(from.get("id").getStringValue()).isEqualTo("US.13491208655302741918");
    assertThat(from.get("idType").getStringValue()).isEqualTo("Opaque");
    assertThat(
            json(only(genesys.requestsTo(MESSAGE_PATH)))
                .get("channel")
                .get("time")
                .getStringValue())
        .isEqualTo("2025-06-10T21:03:05.427Z");
  }

  @Test
  void reports_a_delivered_receipt() {
    DeliveryReceipt receipt =
        DeliveryReceipt.delivered(
            "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
            CustomerId.phone("+16505551234"),
            Instant.parse("2025-06-10T21:05:44.5Z"));

    DispatchOutcome outcome = center.report(receipt);

    assertThat(outcome).isEqualTo(DispatchOutcome.Done.withoutIds());
    Request request = only(genesys.requestsTo("/inbound/open/receipt"));
    assertThat(request.path()).isEqualTo(RECEIPT_PATH);
    assertThat(request.header("Authorization")).isEqualTo("Bearer stub-token-1");
    JsonNode body = json(request);
    assertThat(keys(body)).containsExactlyInAnyOrder("id", "channel", "status", "isFinalReceipt");
    assertThat(body.get("id").getStringValue()).isEqualTo("5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201");
    assertThat(body.get("status").getStringValue()).isEqualTo("Delivered");
    assertThat(body.get("isFinalReceipt").getBooleanValue()).isTrue();
    JsonNode channel = body.get("channel");
    assertThat(keys(channel)).containsExactlyInAnyOrder("to", "time");
    assertThat(channel.get("time").getStringValue()).isEqualTo("2025-06-10T21:05:44.500Z");
    assertThat(keys(channel.get("to"))).containsExactlyInAnyOrder("id", "idType");
    assertThat(channel.get("to").get("id").getStringValue()).isEqualTo("+16505551234");
    assertThat(channel.get("to").get("idType").getStringValue()).isEqualTo("Phone");
  }

  @Test
  void reports_a_failed_receipt_with_its_reasons() {
    DeliveryReceipt receipt =
        DeliveryReceipt.failed(
            "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
            CustomerId.opaque("US.13491208655302741918"),
            List.of(
                new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "the window is closed"),
                new DeliveryFailure(FailureReason.RATE_LIMITED, "too many messages")),
            Instant.parse("2025-06-10T21:05:44Z"));

    assertThat(center.report(receipt)).isInstanceOf(DispatchOutcome.Done.class);

    JsonNode body = json(only(genesys.requestsTo(RECEIPT_PATH)));
    assertThat(keys(body))
        .containsExactlyInAnyOrder("id", "channel", "status", "reasons", "isFinalReceipt");
    assertThat(body.get("status").getStringValue()).isEqualTo("Failed");
    assertThat(body.get("isFinalReceipt").getBooleanValue()).isTrue();
    assertThat(body.get("channel").get("to").get("idType").getStringValue()).isEqualTo("Opaque");
    List<String> reasons = new ArrayList<>();
    for (JsonNode reason : body.get("reasons").values()) {
      reasons.add(
          reason.get("code").getStringValue() + ": " + reason.get("message").getStringValue());
    }
    assertThat(reasons)
        .containsExactly("MessageExpired: the window is closed", "RateLimited: too many messages");
  }

  @Test
  void times_are_iso_8601_utc_with_milliseconds() {
    assertThat(OpenMessagingMapper.time(Instant.parse("2025-12-31T23:59:59.999999Z")))
        .isEqualTo("2025-12-31T23:59:59.999Z");
    assertThat(OpenMessagingMapper.time(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(OpenMessagingMapper.time(Instant.parse("2025-06-10T21:03:05.4Z")))
        .isEqualTo("2025-06-10T21:03:05.400Z");
  }

  // ------------------------------------------------------------------ OAuth

  @Test
  void the_token_is_fetched_with_basic_client_credentials_and_the_client_credentials_grant() {
    center.forward(message("wamid.1"));

    Request token = only(genesys.requestsTo(TOKEN_PATH));
    assertThat(token.method()).isEqualTo("POST");
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (StubGenesys.CLIENT_ID + ":" + StubGenesys.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(token.header("Authorization")).isEqualTo("Basic " + basic);
    assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(token.text()).isEqualTo("grant_type=client_credentials");
  }

  @Test
  void the_token_is_cached_across_many_calls() {
    for (int i = 0; i < 25; i++) {
      assertThat(center.forward(message("wamid." + i))).isInstanceOf(DispatchOutcome.Done.class);
    }

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);
    assertThat(genesys.requestsTo(MESSAGE_PATH))
        .extracting(r -> r.header("Authorization"))
        .containsOnly("Bearer stub-token-1");
  }

  @Test
  void concurrent_callers_share_one_token_fetch() throws Exception {
    genesys.tokensTakeA(Duration.ofMillis(300));
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<DispatchOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String id = "wamid.concurrent." + i;
        Callable<DispatchOutcome> call =
            () -> {
              go.await();
              return center.forward(message(id));
            };
        outcomes.add(pool.submit(call));
      }
      go.countDown();
      for (Future<DispatchOutcome> outcome : outcomes) {
        assertThat(outcome.get()).isInstanceOf(DispatchOutcome.Done.class);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);
    assertThat(genesys.requestsTo(MESSAGE_PATH)).hasSize(callers);
  }

  @Test
  void the_token_is_refreshed_shortly_before_it_expires() {
    genesys.tokensExpireIn(3600); // handed out for 3600 s less 60 s

    center.forward(message("wamid.a"));
    clock.advance(Duration.ofSeconds(3539));
    center.forward(message("wamid.b"));
    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    center.forward(message("wamid.c"));

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
    assertThat(genesys.requestsTo(MESSAGE_PATH))
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer stub-token-1", "Bearer stub-token-1", "Bearer stub-token-2");
  }

  @Test
  void a_token_with_a_tiny_lifetime_is_still_used_for_its_call() {
    genesys.tokensExpireIn(1);

    assertThat(center.forward(message("wamid.a"))).isInstanceOf(DispatchOutcome.Done.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(center.forward(message("wamid.b"))).isInstanceOf(DispatchOutcome.Done.class);

    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
  }

  @Test
  void token_lifetimes_keep_a_margin_of_ten_percent_at_most_a_minute() {
    assertThat(GenesysTokens.lifetime(86399L)).isEqualTo(Duration.ofSeconds(86339));
    assertThat(GenesysTokens.lifetime(300L)).isEqualTo(Duration.ofSeconds(270));
    assertThat(GenesysTokens.lifetime(1L)).isEqualTo(Duration.ofMillis(900));
    assertThat(GenesysTokens.lifetime(0L)).isEqualTo(Duration.ZERO);
    assertThat(GenesysTokens.lifetime(null)).isEqualTo(Duration.ZERO);
  }

  @Test
  void a_401_fetches_one_new_token_and_retries_the_call_once() {
    center.forward(message("wamid.warmup"));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{\"message\":\"token revoked\"}"));

    DispatchOutcome outcome = center.forward(message("wamid.retried"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.Done.class);
    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
    List<Request> calls = genesys.requestsTo(MESSAGE_PATH);
    assertThat(calls)
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer stub-token-1", "Bearer stub-token-1", "Bearer stub-token-2");
    assertThat(calls.get(2).text()).isEqualTo(calls.get(1).text());
  }

  @Test
  void a_second_401_is_a_passing_failure_not_a_loop() {
    genesys.next(MESSAGE_PATH, Answer.json(401, "{\"message\":\"no\"}"));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{\"message\":\"still no\"}"));

    DispatchOutcome outcome = center.forward(message("wamid.refused"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("401");
    assertThat(genesys.requestsTo(MESSAGE_PATH)).hasSize(2);
    assertThat(genesys.requestsTo(TOKEN_PATH)).hasSize(2);
  }

  @Test
  void refused_client_credentials_are_retried_later_and_say_so_without_the_secret() {
    genesys.next(TOKEN_PATH, Answer.json(401, "{\"error\":\"invalid_client\"}"));

    DispatchOutcome outcome = center.forward(message("wamid.no-credentials"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    String reason = ((DispatchOutcome.RetryLater) outcome).reason();
    assertThat(reason).contains("refused the OAuth client credentials");
    assertThat(reason).doesNotContain(StubGenesys.CLIENT_SECRET);
    assertThat(genesys.requestsTo(MESSAGE_PATH)).isEmpty();
  }

  @Test
  void a_400_from_the_token_endpoint_is_retried_later_too() {
    genesys.next(TOKEN_PATH, Answer.json(400, "{\"error\":\"invalid_request\"}"));

    DispatchOutcome outcome = center.report(receipt());

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason())
        .contains("refused the OAuth client credentials");
  }

  @Test
  void a_throttled_token_endpoint_is_retried_after_its_retry_after() {
    genesys.next(TOKEN_PATH, Answer.json(429, "{}").withHeader("Retry-After", "11"));

    DispatchOutcome outcome = center.forward(message("wamid.throttled-token"));

    assertThat(outcome)
        .isEqualTo(
            new DispatchOutcome.RetryLater(
                Duration.ofSeconds(11), "Genesys OAuth token request answered HTTP 429"));
  }

  @Test
  void a_failing_token_endpoint_is_retried_later() {
    genesys.next(TOKEN_PATH, Answer.json(503, "{}"));

    assertThat(center.forward(message("wamid.token-503")))
        .isInstanceOf(DispatchOutcome.RetryLater.class);
  }

  @Test
  void a_token_answer_without_a_token_is_retried_later() {
    genesys.next(TOKEN_PATH, Answer.json(200, "{\"token_type\":\"bearer\"}"));

    DispatchOutcome outcome = center.forward(message("wamid.tokenless"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("access_token");
  }

  // ------------------------------------------------------------------ outcomes

  @Test
  void a_429_is_retried_after_the_seconds_genesys_asks_for() {
    genesys.next(
        MESSAGE_PATH,
        Answer.json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "2"));

    DispatchOutcome outcome = center.forward(message("wamid.429"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isEqualTo(Duration.ofSeconds(2));
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("429");
  }

  @Test
  void a_429_with_an_http_date_is_retried_at_that_date() {
    String inThirtySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(30).atOffset(ZoneOffset.UTC));
    genesys.next(RECEIPT_PATH, Answer.json(429, "{}").withHeader("Retry-After", inThirtySeconds));

    DispatchOutcome outcome = center.report(receipt());

    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_503_is_retried_later() {
    genesys.next(MESSAGE_PATH, Answer.json(503, "{\"message\":\"unavailable\"}"));

    DispatchOutcome outcome = center.forward(message("wamid.503"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
    assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isNull();
    assertThat(((DispatchOutcome.RetryLater) outcome).reason()).contains("503");
  }

  @Test
  void a_500_on_a_receipt_is_retried_later() {
    genesys.next(RECEIPT_PATH, Answer.json(500, ""));

    assertThat(center.report(receipt())).isInstanceOf(DispatchOutcome.RetryLater.class);
  }

  @Test
  void a_call_that_takes_too_long_is_retried_later() {
    GenesysOpenMessagingContactCenter impatient =
        contactCenter(genesys.url(), Duration.ofMillis(500));
    try {
      genesys.next(MESSAGE_PATH, Answer.json(200, "{}").after(Duration.ofSeconds(2)));

      DispatchOutcome outcome = impatient.forward(message("wamid.slow"));

      assertThat(outcome).isInstanceOf(DispatchOutcome.RetryLater.class);
      assertThat(((DispatchOutcome.RetryLater) outcome).notBefore()).isNull();
    } finally {
      impatient.close();
    }
  }

  @Test
  void an_unreachable_genesys_is_retried_later() {
    String nobodyListens = genesys.url();
    genesys.close();
    GenesysOpenMessagingContactCenter cutOff = contactCenter(nobodyListens, Duration.ofSeconds(2));
    try {
      assertThat(cutOff.forward(message("wamid.cut-off")))
          .isInstanceOf(DispatchOutcome.RetryLater.class);
      assertThat(cutOff.report(receipt())).isInstanceOf(DispatchOutcome.RetryLater.class);
    } finally {
      cutOff.close();
    }
  }

  @Test
  void a_400_is_a_permanent_refusal_with_genesys_message() {
    genesys.next(
        MESSAGE_PATH,
        Answer.json(400, "{\"message\":\"channel.from.id is required\",\"code\":\"bad.request\"}"));

    DispatchOutcome outcome = center.forward(message("wamid.400"));

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    DeliveryFailure failure = ((DispatchOutcome.Refused) outcome).failure();
    assertThat(failure.reason()).isEqualTo(FailureReason.GENERAL_ERROR);
    assertThat(failure.message()).contains("400").contains("channel.from.id is required");
  }

  @Test
  void a_404_without_a_json_body_is_a_permanent_refusal() {
    genesys.next(RECEIPT_PATH, Answer.json(404, "not json at all"));

    DispatchOutcome outcome = center.report(receipt());

    assertThat(outcome).isInstanceOf(DispatchOutcome.Refused.class);
    assertThat(((DispatchOutcome.Refused) outcome).failure().message()).contains("404");
  }

  @Test
  void no_outcome_reason_carries_a_secret_or_token() {
    List<String> reasons = new ArrayList<>();
    genesys.next(TOKEN_PATH, Answer.json(401, "{}"));
    reasons.add(reasonOf(center.forward(message("wamid.s1"))));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{}"));
    genesys.next(MESSAGE_PATH, Answer.json(401, "{}"));
    reasons.add(reasonOf(center.forward(message("wamid.s2"))));
    genesys.next(MESSAGE_PATH, Answer.json(503, "{}"));
    reasons.add(reasonOf(center.forward(message("wamid.s3"))));
    genesys.next(MESSAGE_PATH, Answer.json(422, "{\"message\":\"unprocessable\"}"));
    reasons.add(reasonOf(center.forward(message("wamid.s4"))));

    assertThat(genesys.issuedTokens()).isNotEmpty();
    for (String reason : reasons) {
      assertThat(reason).doesNotContain(StubGenesys.CLIENT_SECRET);
      for (String token : genesys.issuedTokens()) {
        assertThat(reason).doesNotContain(token);
      }
    }
  }

  @Test
  void every_failure_reason_has_a_genesys_code() {
    Map<FailureReason, String> expected =
        Map.of(
            FailureReason.MESSAGE_EXPIRED, "MessageExpired",
            FailureReason.RATE_LIMITED, "RateLimited",
            FailureReason.INVALID_DESTINATION, "InvalidDestination",
            FailureReason.MESSAGE_NOT_ALLOWED, "MessageNotAllowed",
            FailureReason.UNSUPPORTED_MESSAGE, "UnsupportedMessage",
            FailureReason.INVALID_MESSAGE_STRUCTURE, "InvalidMessageStructure",
            FailureReason.MEDIA_TYPE_NOT_ALLOWED, "MediaTypeNotAllowed",
            FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "InvalidMediaContentLength",
            FailureReason.RECIPIENT_OPTED_OUT, "RecipientOptedOut",
            FailureReason.GENERAL_ERROR, "GeneralError");

    assertThat(expected).hasSize(FailureReason.values().length);
    for (FailureReason reason : FailureReason.values()) {
      assertThat(OpenMessagingMapper.code(reason))
          .as(reason.name())
          .isEqualTo(expected.get(reason));
    }
  }

  // ------------------------------------------------------------------ helpers

  private static InboundMessage message(String wamid) {
    return new InboundMessage(
        wamid,
        new Customer(CustomerId.phone("16505551234"), "Sheena Nelson"),
        null,
        Instant.parse("2025-06-10T21:03:05Z"),
        new InboundContent.Text("hello"));
  }

  private static DeliveryReceipt receipt() {
    return DeliveryReceipt.delivered(
        "5f1f3ae8c6b4a2f9e0d7c1b3a5e9f201",
        CustomerId.phone("+16505551234"),
        Instant.parse("2025-06-10T21:05:44Z"));
  }

  private static String reasonOf(DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.RetryLater retry) {
      return retry.reason();
    }
    if (outcome instanceof DispatchOutcome.Refused refused) {
      return refused.failure().message();
    }
    return "";
  }

  private static Request only(List<Request> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static JsonNode json(Request request) {
    try {
      return Fixtures.json().readValue(request.body(), JsonNode.class);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + request.text(), e);
    }
  }

  private static List<String> keys(JsonNode node) {
    assertThat(node.isObject()).as("a JSON object").isTrue();
    return StreamSupport.stream(node.entries().spliterator(), false)
        .map(Map.Entry::getKey)
        .toList();
  }
}
