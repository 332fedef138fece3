package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.genesys.api.GenesysError;
import dev.switchboard.adapters.genesys.api.OpenMessageAnswer;
import dev.switchboard.adapters.support.RetryAfter;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.ReplyChoice;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Genesys Cloud as the contact center: customers' messages, their taps on quick replies and
 * delivery receipts go to the Open Messaging inbound API of the integration of their connection,
 * with a client-credentials token cached per OAuth client (connections may live in different orgs);
 * agents' attachments are fetched from the integration's media hosts only. Failures of the remote
 * side become outcomes, never exceptions.
 */
@Singleton
public class GenesysOpenMessagingContactCenter implements ContactCenter, AutoCloseable {

  /** How long a call to Genesys may take to connect, and to answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** The largest attachment Genesys takes from a customer (25 MB). */
  static final long LARGEST_ATTACHMENT = 25L * 1024 * 1024;

  /** How long downloading one agent attachment may take in all. */
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

  private static final Logger LOG =
      LoggerFactory.getLogger(GenesysOpenMessagingContactCenter.class);
  private static final int MAX_ERROR_MESSAGE = 300;

  private final JsonMapper json;
  private final Clock clock;
  private final GenesysHttp http;
  private final OpenMessagingMapper mapper = new OpenMessagingMapper();
  private final Map<ConnectionId, Endpoint> endpoints = new HashMap<>();

  /** Where one connection's calls go, and with which token. */
  private record Endpoint(
      URI messageUri,
      URI responseUri,
      URI receiptUri,
      GenesysTokens tokens,
      GenesysAttachments attachments) {}

  @Inject
  public GenesysOpenMessagingContactCenter(
      GenesysIntegrations integrations, JsonMapper json, Clock clock) {
    this(integrations, json, clock, TIMEOUT);
  }

  GenesysOpenMessagingContactCenter(
      GenesysIntegrations integrations, JsonMapper json, Clock clock, Duration timeout) {
    this(integrations, json, clock, timeout, DOWNLOAD_TIMEOUT, null);
  }

  /**
   * @param downloadTimeout how long downloading one attachment may take in all
   * @param proxy the HTTP proxy attachments are fetched through; {@code null} for the JVM's default
   */
  GenesysOpenMessagingContactCenter(
      GenesysIntegrations integrations,
      JsonMapper json,
      Clock clock,
      Duration timeout,
      Duration downloadTimeout,
      ProxySelector proxy) {
    Objects.requireNonNull(integrations, "integrations");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = new GenesysHttp(timeout);
    // one token cache per OAuth client: connections of one org share their token
    Map<List<String>, GenesysTokens> tokens = new HashMap<>();
    for (GenesysIntegrations.Integration integration : integrations.all()) {
      GenesysSettings settings = integration.settings();
      GenesysTokens clientTokens =
          tokens.computeIfAbsent(
              Arrays.asList(settings.loginUrl(), settings.clientId(), settings.clientSecret()),
              client -> new GenesysTokens(http, json, clock, settings));
      GenesysAttachments attachments =
          new GenesysAttachments(
              new MediaHosts(settings.mediaHosts()),
              URI.create(settings.apiUrl()),
              clientTokens,
              clock,
              timeout,
              downloadTimeout,
              proxy);
      String base =
          settings.apiUrl()
              + "/api/v2/conversations/messages/"
              + integration.integrationId()
              + "/inbound/open/";
      endpoints.put(
          integration.connection(),
          new Endpoint(
              URI.create(base + "message"),
              URI.create(base + "structured/response"),
              URI.create(base + "receipt"),
              clientTokens,
              attachments));
    }
  }

  @Override
  public long largestAttachment() {
    return LARGEST_ATTACHMENT;
  }

  @Override
  public DispatchOutcome forward(
      ConnectionId connection, InboundMessage message, List<Attachment> attachments) {
    return post(
        connection,
        Endpoint::messageUri,
        "message",
        () -> mapper.message(message, attachments),
        true);
  }

  @Override
  public DispatchOutcome answer(ConnectionId connection, ReplyChoice choice) {
    return post(
        connection,
        Endpoint::responseUri,
        "structured response",
        () -> mapper.response(choice),
        true);
  }

  @Override
  public DispatchOutcome report(ConnectionId connection, DeliveryReceipt receipt) {
    // Genesys answers a receipt with the receipt it took: a Failed one comes back as "Failed"
    return post(
        connection,
        Endpoint::receiptUri,
        "receipt",
        () -> mapper.receipt(receipt),
        receipt.outcome() != DeliveryReceipt.Outcome.FAILED);
  }

  @Override
  public FetchOutcome fetchAttachment(
      ConnectionId connection, OutboundContent.Media media, long maxBytes) {
    Endpoint endpoint = endpoints.get(connection);
    if (endpoint == null) {
      return new FetchOutcome.Unavailable(notConfigured(connection));
    }
    try {
      return endpoint.attachments().fetch(media, maxBytes);
    } catch (RuntimeException e) {
      // nothing of the remote side may escape as an exception: the dispatcher retries it
      LOG.warn("fetching an agent attachment failed unexpectedly: {}", e.getClass().getName());
      return new FetchOutcome.RetryLater(
          null, "fetching an attachment failed: " + e.getClass().getSimpleName());
    }
  }

  private static DeliveryFailure notConfigured(ConnectionId connection) {
    return new DeliveryFailure(
        FailureReason.GENERAL_ERROR,
        "no Genesys integration is configured for connection " + connection);
  }

  /**
   * POSTs the JSON of {@code body} to the connection's integration, fetching a new token and trying
   * once more after a 401.
   */
  private DispatchOutcome post(
      ConnectionId connection,
      Function<Endpoint, URI> where,
      String what,
      Supplier<Object> body,
      boolean failedStatusRefuses) {
    Endpoint endpoint = endpoints.get(connection);
    if (endpoint == null) {
      return new DispatchOutcome.Refused(notConfigured(connection));
    }
    URI uri = where.apply(endpoint);
    GenesysTokens tokens = endpoint.tokens();
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(body.get());
    } catch (IOException | RuntimeException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR,
              "the "
                  + what
                  + " could not be written for Genesys: "
                  + e.getClass().getSimpleName()));
    }
    try {
      GenesysHttp.Reply reply = send(tokens, uri, payload);
      if (reply.status() == 401) {
        LOG.info("Genesys refused the bearer token for a {}; fetching a new one", what);
        reply = send(tokens, uri, payload);
      }
      return outcome(reply, what, failedStatusRefuses);
    } catch (GenesysTokens.Unavailable e) {
      return new DispatchOutcome.RetryLater(e.retryAfter(), e.getMessage());
    } catch (GenesysHttp.NoAnswer e) {
      return new DispatchOutcome.RetryLater(null, "Genesys " + what + " call: " + e.getMessage());
    } catch (RuntimeException e) {
      // nothing of the remote side may escape as an exception: the dispatcher retries it
      LOG.warn("the Genesys {} call failed unexpectedly: {}", what, e.toString());
      return new DispatchOutcome.RetryLater(
          null, "Genesys " + what + " call failed: " + e.getClass().getSimpleName());
    }
  }

  /** One call with the current token; a 401 makes the token forgotten before it is returned. */
  private GenesysHttp.Reply send(GenesysTokens tokens, URI uri, byte[] payload)
      throws GenesysTokens.Unavailable, GenesysHttp.NoAnswer {
    String token = tokens.bearer();
    GenesysHttp.Reply reply =
        http.post(uri, "Bearer " + token, MediaType.APPLICATION_JSON_TYPE, payload);
    if (reply.status() == 401) {
      tokens.refused(token);
    }
    return reply;
  }

  /**
   * @param failedStatusRefuses whether a success whose body says {@code "status": "Failed"} means
   *     the call was not taken (not so for a Failed receipt, which Genesys echoes)
   */
  private DispatchOutcome outcome(
      GenesysHttp.Reply reply, String what, boolean failedStatusRefuses) {
    int status = reply.status();
    if (reply.isSuccess()) {
      if (!failedStatusRefuses) {
        return DispatchOutcome.Done.withoutIds();
      }
      return failedInBody(reply, what)
          .<DispatchOutcome>map(DispatchOutcome.Refused::new)
          .orElseGet(DispatchOutcome.Done::withoutIds);
    }
    if (status == 401) {
      return new DispatchOutcome.RetryLater(
          null, "Genesys refused a freshly fetched token for the " + what + " (HTTP 401)");
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new DispatchOutcome.RetryLater(
          RetryAfter.parse(reply.retryAfter(), clock.instant()),
          "Genesys answered HTTP " + status + " to the " + what);
    }
    return new DispatchOutcome.Refused(
        new DeliveryFailure(
            FailureReason.GENERAL_ERROR,
            "Genesys refused the " + what + " (HTTP " + status + ")" + errorMessage(reply)));
  }

  /**
   * A call Genesys answered with success but whose body says {@code "status": "Failed"}: it was not
   * taken, and trying again gives the same answer.
   */
  private Optional<DeliveryFailure> failedInBody(GenesysHttp.Reply reply, String what) {
    if (reply.body().length == 0) {
      return Optional.empty();
    }
    OpenMessageAnswer answer;
    try {
      answer = json.readValue(reply.body(), OpenMessageAnswer.class);
    } catch (IOException | RuntimeException notAnAnswer) {
      return Optional.empty(); // an answer it cannot read is no failure it knows of
    }
    if (answer == null || !OpenMessageAnswer.FAILED.equalsIgnoreCase(answer.status())) {
      return Optional.empty();
    }
    String reasons =
        answer.reasons() == null
            ? ""
            : answer.reasons().stream()
                .filter(Objects::nonNull)
                .map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")"))
                .collect(Collectors.joining(", "));
    String why = reasons.isBlank() ? "" : ": " + shortened(reasons);
    return Optional.of(
        new DeliveryFailure(
            FailureReason.GENERAL_ERROR,
            "Genesys answered the "
                + what
                + " with HTTP "
                + reply.status()
                + " and status Failed"
                + why));
  }

  private static String shortened(String message) {
    return message.length() > MAX_ERROR_MESSAGE
        ? message.substring(0, MAX_ERROR_MESSAGE) + "..."
        : message;
  }

  /** ": " and Genesys' own message, shortened; empty when the body has none. */
  private String errorMessage(GenesysHttp.Reply reply) {
    try {
      GenesysError error = json.readValue(reply.body(), GenesysError.class);
      if (error == null || error.message() == null || error.message().isBlank()) {
        return "";
      }
      String message = error.message().strip();
      return ": "
          + (message.length() > MAX_ERROR_MESSAGE
              ? message.substring(0, MAX_ERROR_MESSAGE) + "..."
              : message);
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
  }

  @Override
  @PreDestroy
  public void close() {
    http.close();
  }
}
