package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.MediaUploadResponse;
import dev.switchboard.adapters.whatsapp.api.SendMessageResponse;
import dev.switchboard.adapters.whatsapp.api.TypingIndicatorRequest;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.port.out.MessagingChannel;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.OutboundMessage;
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
import java.util.List;
import java.util.Objects;
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

  private final WhatsAppSettings settings;
  private final JsonMapper json;
  private final GraphApi graph;
  private final GraphMediaFetch media;

  @Inject
  public WhatsAppCloudMessagingChannel(WhatsAppSettings settings, JsonMapper json) {
    this(settings, json, Clock.systemUTC());
  }

  /** With the clock that HTTP-date {@code Retry-After} headers are measured against. */
  public WhatsAppCloudMessagingChannel(WhatsAppSettings settings, JsonMapper json, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.json = Objects.requireNonNull(json, "json");
    this.graph = new GraphApi(settings, json, clock);
    this.media = new GraphMediaFetch(graph, settings, json, clock);
  }

  // ---------------------------------------------------------------- send

  @Override
  public DispatchOutcome send(OutboundMessage message, @Nullable String businessNumberId) {
    String from = sender(businessNumberId);
    if (from == null) {
      return notConfigured();
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(SendRequests.of(message));
    } catch (UnsendableMessage unsendable) {
      return new DispatchOutcome.Refused(unsendable.failure());
    } catch (IOException | RuntimeException e) {
      return new DispatchOutcome.Refused(
          new DeliveryFailure(
              FailureReason.UNSUPPORTED_MESSAGE,
              "the message cannot be sent on WhatsApp (" + e.getClass().getSimpleName() + ")"));
    }
    return graph.dispatch(
        graph.jsonPost(messagesUri(from), body, settings.accessToken()), "send", this::sent);
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

  @Override
  public DispatchOutcome upload(MediaBytes media, @Nullable String businessNumberId) {
    String from = sender(businessNumberId);
    if (from == null) {
      return notConfigured();
    }
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
        HttpRequest.POST(graph.uri(from, "media"), body)
            .bearerAuth(settings.accessToken())
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

  @Override
  public DispatchOutcome showTyping(String customerMessageId, @Nullable String businessNumberId) {
    String from = sender(businessNumberId);
    if (from == null) {
      return notConfigured();
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
        graph.jsonPost(messagesUri(from), body, settings.accessToken()),
        "typing indicator",
        accepted -> DispatchOutcome.Done.withoutIds());
  }

  // ---------------------------------------------------------------- fetch

  /** See {@link GraphMediaFetch}. */
  @Override
  public FetchOutcome fetchMedia(InboundContent.Media attachment, long maxBytes) {
    if (isBlank(settings.accessToken())) {
      return new FetchOutcome.Unavailable(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR, "the bridge has no WhatsApp access token configured"));
    }
    return media.fetch(attachment, maxBytes, settings.accessToken());
  }

  /** The business number to act for, or {@code null} when none is known or no token is set. */
  private @Nullable String sender(@Nullable String businessNumberId) {
    String from = isBlank(businessNumberId) ? settings.phoneNumberId() : businessNumberId.strip();
    return isBlank(from) || isBlank(settings.accessToken()) ? null : from;
  }

  private static DispatchOutcome notConfigured() {
    return new DispatchOutcome.Refused(
        new DeliveryFailure(
            FailureReason.GENERAL_ERROR,
            "the bridge has no WhatsApp phone number id or access token configured"));
  }

  private URI messagesUri(String phoneNumberId) {
    return graph.uri(phoneNumberId, "messages");
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

  /** Closes the HTTP clients. */
  @PreDestroy
  @Override
  public void close() {
    graph.close();
    media.close();
  }
}
