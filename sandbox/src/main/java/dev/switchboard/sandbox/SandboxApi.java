package dev.switchboard.sandbox;

import dev.switchboard.sandbox.Customers.Customer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the page calls: the customer's and the agent's actions, the feed of what happened, files,
 * and the operator's view of the bridge (a message's trace from {@code /admin/messages/{id}} and
 * the {@code switchboard_*} meters from {@code /prometheus}), read with the sandbox's admin token.
 */
@Controller(SandboxApi.BASE)
@Requires(property = Sandbox.ENABLED, value = "true")
final class SandboxApi {

  static final String BASE = "/sandbox/api";
  static final int MAX_EVENTS = 500;
  private static final Pattern SAMPLE =
      Pattern.compile("^(switchboard_[a-zA-Z0-9_]+)(\\{[^}]*\\})?\\s+(\\S+)$");

  private final Feed feed;
  private final Customers customers;
  private final GraphSimulator meta;
  private final TelegramSimulator telegram;
  private final GenesysSimulator genesys;
  private final MediaVault vault;
  private final BridgeCalls calls;
  private final Json json;

  SandboxApi(
      Feed feed,
      Customers customers,
      GraphSimulator meta,
      TelegramSimulator telegram,
      GenesysSimulator genesys,
      MediaVault vault,
      BridgeCalls calls,
      Json json) {
    this.feed = feed;
    this.customers = customers;
    this.meta = meta;
    this.telegram = telegram;
    this.genesys = genesys;
    this.vault = vault;
    this.calls = calls;
    this.json = json;
  }

  /** The customers, the business and the templates, for the page to draw itself. */
  @Get(uri = "/setup", produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> setup() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Customer customer : customers.all()) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("id", customer.id());
      shown.put("channel", customer.channel());
      shown.put("connection", customer.connection());
      shown.put("genesysId", customer.genesysId());
      shown.put("name", customer.name());
      shown.put("colour", customer.colour());
      all.add(shown);
    }
    return json.answer(
        200,
        Map.of(
            "customers",
            all,
            "business",
            "Acme Outdoor",
            "templates",
            List.of(
                Map.of(
                    "name", "order_update", "text", GraphSimulator.TEMPLATES.get("order_update"))),
            "last",
            feed.last()));
  }

  /** The events after {@code after}. */
  @Get(uri = "/events", produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> events(@Nullable @QueryValue Long after) {
    List<Map<String, Object>> events = feed.after(after == null ? 0 : after, MAX_EVENTS);
    return json.answer(200, Map.of("events", events, "last", feed.last()));
  }

  /** The customer writes (see {@link GraphSimulator#customerWrites}). */
  @Post(
      uri = "/customers/{id}/messages",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> customerWrites(String id, @Body byte[] body) {
    return act(
        id,
        body,
        customer ->
            m ->
                customer.onTelegram()
                    ? telegram.customerWrites(customer, m)
                    : meta.customerWrites(customer, m));
  }

  /** The customer's next incoming message fails (or not). */
  @Post(
      uri = "/customers/{id}/fail-next",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> failNext(String id, @Body byte[] body) {
    return act(
        id,
        body,
        customer ->
            m -> {
              boolean on = Boolean.TRUE.equals(m.get("on"));
              if (customer.onTelegram()) {
                telegram.failNext(customer, on);
              } else {
                meta.failNext(customer, on);
              }
              return Map.of("failNext", on);
            });
  }

  /** The agent answers (see {@link GenesysSimulator#agentSends}). */
  @Post(
      uri = "/customers/{id}/agent-messages",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> agentSends(String id, @Body byte[] body) {
    return act(id, body, customer -> m -> genesys.agentSends(customer, m));
  }

  private HttpResponse<byte[]> act(
      String id,
      byte[] body,
      Function<Customer, Function<Map<String, Object>, Map<String, Object>>> action) {
    Customer customer = customers.find(id).orElse(null);
    if (customer == null) {
      return json.answer(404, Map.of("error", "no such sandbox customer"));
    }
    Map<String, Object> request = json.object(body);
    if (request == null) {
      return json.answer(400, Map.of("error", "the body is not a JSON object"));
    }
    try {
      return json.answer(200, action.apply(customer).apply(request));
    } catch (IllegalArgumentException bad) {
      return json.answer(400, Map.of("error", bad.getMessage()));
    }
  }

  /** A file the customer or the agent sent, or Meta got uploaded. */
  @Get(uri = "/media/{id}", produces = MediaType.ALL)
  HttpResponse<byte[]> media(String id) {
    return vault
        .get(id)
        .map(media -> HttpResponse.ok(media.bytes()).contentType(media.mime()))
        .orElseGet(
            () ->
                json.answer(
                    404, Map.of("error", "no such file (the sandbox keeps the latest ones only)")));
  }

  /**
   * The bridge's trace of one message: {@code {"status": 200, "trace": {...}}}, or {@code
   * {"status": 404}} while the bridge has none.
   */
  @Get(uri = "/trace/{id}", produces = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<byte[]>> trace(String id) {
    return calls
        .admin(
            "/admin/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
        .handle(
            (response, failure) -> {
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("status", response == null ? 0 : response.statusCode());
              if (response != null && response.statusCode() == 200) {
                answer.put("trace", json.object(response.body().getBytes(StandardCharsets.UTF_8)));
              }
              return json.answer(200, answer);
            });
  }

  /**
   * The bridge's {@code switchboard_*} samples: {@code {"samples": {"name{labels}": value}}}; of a
   * timer, its count (not its buckets, sum or maximum).
   */
  @Get(uri = "/meters", produces = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<byte[]>> meters() {
    return calls
        .admin("/prometheus")
        .handle(
            (response, failure) -> {
              Map<String, Object> samples = new LinkedHashMap<>();
              if (response != null && response.statusCode() == 200) {
                for (String line : response.body().split("\n")) {
                  Matcher sample = SAMPLE.matcher(line.strip());
                  if (sample.matches() && !sample.group(1).matches(".*_(bucket|sum|max)$")) {
                    try {
                      double value = Double.parseDouble(sample.group(3));
                      if (Double.isFinite(value)) {
                        samples.put(
                            sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                            value);
                      }
                    } catch (NumberFormatException notANumber) {
                      // not a sample of a count
                    }
                  }
                }
              }
              return json.answer(200, Map.of("samples", samples));
            });
  }
}
