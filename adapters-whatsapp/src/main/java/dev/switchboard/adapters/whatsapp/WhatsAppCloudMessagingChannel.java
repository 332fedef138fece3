package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.MediaUploadResponse;
import dev.switchboard.adapters.whatsapp.api.SendMessageResponse;
import dev.switchboard.adapters.whatsapp.api.TypingIndicatorRequest;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.channel.CardLimits;
import dev.switchboard.domain.channel.ChannelCapabilities;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Reengagement;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Business Cloud API as the bridge's messaging channel, with the bearer access token:
 * sends ({@code POST {graph-url}/{api-version}/{phone-number-id}/messages}, the request from {@link
 * SendRequests}), media uploads ({@code POST .../{phone-number-id}/media}) and typing indicators;
 * customers' media are fetched by {@link GraphMediaFetch}. The calls and what their answers mean
 * are {@link GraphApi}'s: never an exception for the Graph API's failures, a retry for a passing
 * one, a refusal with the reason from {@link WhatsAppErrorCodes} otherwise.
 */
@Singleton
public final class WhatsAppCloudMessagingChannel implements MessagingChannel, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WhatsAppCloudMessagingChannel.class);
  private static final String DEFAULT_FILENAME = "attachment";
  private static final long MB = 1024L * 1024;

  /** This channel's name. */
  public static final ChannelId CHANNEL = new ChannelId("whatsapp");

  /**
   * What WhatsApp carries: texts of 4,096 characters, captions of 1,024, ten options to tap (three
   * buttons or a list of ten rows), images to 5 MB, video and audio to 16 MB, documents to 100 MB,
   * stickers to 500 KB; free-form messages only in the 24-hour customer service window, templates
   * at any time; delivery reported later by statuses; a card carries three buttons or one link.
   */
  public static final ChannelCapabilities CAPABILITIES =
      new ChannelCapabilities(
          4096,
          1024,
          10,
          Map.of(
              MediaKind.IMAGE, 5 * MB,
              MediaKind.VIDEO, 16 * MB,
              MediaKind.AUDIO, 16 * MB,
              MediaKind.DOCUMENT, 100 * MB,
              MediaKind.STICKER, 500 * 1024L),
          Duration.ofHours(24),
          true,
          true,
          new CardLimits(SendRequests.MAX_BUTTONS, 1, false));

  private final WhatsAppAccounts accounts;
  private final JsonMapper json;
  private final GraphApi graph;
  private final GraphMediaFetch media;

  @Inject
  public WhatsAppCloudMessagingChannel(
      WhatsAppSettings settings, WhatsAppAccounts accounts, JsonMapper json) {
    this(settings, accounts, json, Clock.systemUTC());
  }

  /** With the clock that HTTP-date {@code Retry-After} headers are measured against. */
  public WhatsAppCloudMessagingChannel(
      WhatsAppSettings settings, WhatsAppAccounts accounts, JsonMapper json, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.json = Objects.requireNonNull(json, "json");
    this.graph = new GraphApi(settings, json, clock);
    this.media = new GraphMediaFetch(graph, settings, json, clock);
  }

  @Override
  public ChannelId channel() {
    return CHANNEL;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ---------------------------------------------------------------- send

  /**
   * Sends from the connection's number; an attachment's bytes are uploaded first ({@code POST
   * .../{phone-number-id}/media}) and sent by the media id the upload gives.
   */
  @Override
  public DispatchOutcome send(ChannelSend send) {
    Optional<WhatsAppAccounts.Account> from = accounts.ofConnection(send.connection());
    if (from.isEmpty()) {
      return notConfigured(send.connection());
    }
    String mediaId = null;
    if (send.attachment() != null) {
      DispatchOutcome uploaded = upload(send.attachment(), from.get());
      if (!(uploaded instanceof DispatchOutcome.Done done) || done.remoteIds().isEmpty()) {
        return uploaded instanceof DispatchOutcome.Done
            ? new DispatchOutcome.RetryLater(null, "the upload returned no media id")
            : uploaded;
      }
      mediaId = done.remoteIds().get(0);
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(SendRequests.of(send.message(), send.route(), mediaId));
    } catch (UnsendableMessage unsendable) {
      return new DispatchOutcome.Refused(unsendable.failure());
    } catch (IOException | RuntimeException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "the message cannot be sent on WhatsApp (" + e.getClass().getSimpleName() + ")"));
    }
    return graph.dispatch(
        graph.jsonPost(messagesUri(from.get()), body, from.get().accessToken()),
        "send",
        this::sent);
  }

  private DispatchOutcome sent(byte[] body) {
    String wamid = null;
    try {
      SendMessageResponse answer = json.readValue(body, SendMessageResponse.class);
      List<SendMessageResponse.MessageRef> messages = answer == null ? null : answer.messages();
      wamid = messages == null || messages.isEmpty() ? null : messages.get(0).id();
    } catch (IOException | RuntimeException unreadable) {
      // accepted all the same: sending again would send twice
    }
    if (isBlank(wamid)) {
      LOG.warn(
          "the Graph API accepted a send but gave no message id; its statuses cannot be matched");
      return DispatchOutcome.Done.withoutIds();
    }
    return new DispatchOutcome.Done(List.of(wamid));
  }

  // ---------------------------------------------------------------- upload

  private DispatchOutcome upload(MediaBytes media, WhatsAppAccounts.Account from) {
    MediaType type = mediaType(media.mimeType());
    MultipartBody body =
        MultipartBody.builder()
            .addPart("messaging_product", "whatsapp")
            .addPart("type", type.toString())
            .addPart(
                "file",
                media.filename() == null ? DEFAULT_FILENAME : media.filename(),
                type,
                media.content())
            .build();
    MutableHttpRequest<MultipartBody> request =
        HttpRequest.POST(graph.uri(from.phoneNumberId(), "media"), body)
            .bearerAuth(from.accessToken())
            .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
            .accept(MediaType.APPLICATION_JSON_TYPE);
    return graph.dispatch(request, "media upload", this::uploaded);
  }

  private DispatchOutcome uploaded(byte[] body) {
    String id = null;
    try {
      MediaUploadResponse answer = json.readValue(body, MediaUploadResponse.class);
      id = answer == null ? null : answer.id();
    } catch (IOException | RuntimeException unreadable) {
      // no id to send the media by: the caller uploads again
    }
    return isBlank(id) ? DispatchOutcome.Done.withoutIds() : new DispatchOutcome.Done(List.of(id));
  }

  // ---------------------------------------------------------------- typing

  /** Marks the customer's message read and shows the typing indicator with it. */
  @Override
  public DispatchOutcome showTyping(
      ConnectionId connection,
      CustomerId customer,
      @Nullable ReplyRoute route,
      String customerMessageId) {
    Optional<WhatsAppAccounts.Account> from = accounts.ofConnection(connection);
    if (from.isEmpty()) {
      return notConfigured(connection);
    }
    if (isBlank(customerMessageId)) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "there is no customer message to show typing for"));
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(TypingIndicatorRequest.forMessage(customerMessageId));
    } catch (IOException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(FailureReason.GENERAL_ERROR, "the typing indicator cannot be sent"));
    }
    return graph.dispatch(
        graph.jsonPost(messagesUri(from.get()), body, from.get().accessToken()),
        "typing indicator",
        accepted -> DispatchOutcome.Done.withoutIds());
  }

  // ---------------------------------------------------------------- fetch

  /** See {@link GraphMediaFetch}; with the token of the connection's number. */
  @Override
  public FetchOutcome fetchMedia(
      ConnectionId connection, InboundContent.Media attachment, long maxBytes) {
    Optional<WhatsAppAccounts.Account> account = accounts.ofConnection(connection);
    if (account.isEmpty()) {
      return new FetchOutcome.Unavailable(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR,
              "no WhatsApp number is configured for connection " + connection));
    }
    return media.fetch(attachment, maxBytes, account.get().accessToken());
  }

  private static DispatchOutcome notConfigured(ConnectionId connection) {
    return new DispatchOutcome.Refused(
        new DeliveryFailure(
            FailureReason.GENERAL_ERROR,
            "no WhatsApp number is configured for connection " + connection));
  }

  private URI messagesUri(WhatsAppAccounts.Account from) {
    return graph.uri(from.phoneNumberId(), "messages");
  }

  private static MediaType mediaType(String mimeType) {
    try {
      return MediaType.of(mimeType);
    } catch (RuntimeException unreadable) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  @Override
  public Optional<Reengagement> reengagement(ConnectionId connection) {
    return accounts.ofConnection(connection).map(WhatsAppAccounts.Account::reengagement);
  }

  /** Closes the HTTP clients. */
  @PreDestroy
  @Override
  public void close() {
    graph.close();
    media.close();
  }
}
