package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import io.micronaut.core.annotation.Nullable;
import java.util.Set;

/**
 * What the WhatsApp Cloud API's error codes mean to the bridge: whether trying again can help, and
 * which failure reason the contact center sees. The one place for both, used for synchronous send
 * errors and for {@code failed} status webhooks alike.
 */
public final class WhatsAppErrorCodes {

  /**
   * Passing failures (CONTRACT): 1 API unknown, 2 API service, 4 app rate limit, 80007 WABA rate
   * limit, 130429 throughput limit, 131000 something went wrong, 131016 service unavailable, 131056
   * pair rate limit. Retried whatever the HTTP status.
   */
  private static final Set<Integer> RETRYABLE =
      Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);

  /**
   * Codes known to be permanent: a 429 or 5xx answer that carries one of them is not retried.
   * (Every other non-retryable code is permanent too when it comes with a 4xx.) 10 permission
   * denied, 100 invalid parameter, 190 access token expired, 131008 required parameter missing,
   * 131009 parameter value invalid, 131021 recipient is the sender, 131026 undeliverable, 131047
   * re-engagement (24-hour window closed), 131051 unsupported message type, 131062 business-scoped
   * user id not supported for this message, 132000/132001 template parameters or template missing,
   * 133010 business number not registered.
   */
  private static final Set<Integer> KNOWN_PERMANENT =
      Set.of(
          10, 100, 190, 131008, 131009, 131021, 131026, 131047, 131051, 131062, 132000, 132001,
          133010);

  /** Longest failure message handed on; Graph messages are short, this only bounds odd ones. */
  private static final int MAX_MESSAGE = 1000;

  private WhatsAppErrorCodes() {}

  /** Whether an error with this code may succeed when tried again later. */
  public static boolean isRetryable(@Nullable Integer code) {
    return code != null && RETRYABLE.contains(code);
  }

  /** Whether this code is known to be permanent, even when the HTTP status suggests otherwise. */
  public static boolean isKnownPermanent(@Nullable Integer code) {
    return code != null && KNOWN_PERMANENT.contains(code);
  }

  /**
   * The failure reason the contact center sees (CONTRACT): 131047 expired window, 130429 and 131056
   * rate limits, 131026 undeliverable; anything else (or no code) a general error.
   */
  public static FailureReason reasonFor(@Nullable Integer code) {
    if (code == null) {
      return FailureReason.GENERAL_ERROR;
    }
    switch (code) {
      case 131047:
        return FailureReason.MESSAGE_EXPIRED;
      case 130429:
      case 131056:
        return FailureReason.RATE_LIMITED;
      case 131026:
        return FailureReason.INVALID_DESTINATION;
      default:
        return FailureReason.GENERAL_ERROR;
    }
  }

  /**
   * A Graph error as a delivery failure: the reason from its code, the message from its message (or
   * title) and {@code error_data.details}, with the code when the text does not name it.
   */
  public static DeliveryFailure failureOf(GraphError error) {
    String text = firstNonBlank(error.message(), error.title());
    String details = error.details();
    if (isBlank(text)) {
      text = details;
    } else if (!isBlank(details) && !text.contains(details)) {
      text = text + ": " + details;
    }
    if (error.code() != null) {
      String code = String.valueOf(error.code());
      text = isBlank(text) ? "WhatsApp error " + code : text;
      text = text.contains(code) ? text : text + " (code " + code + ")";
    }
    return new DeliveryFailure(reasonFor(error.code()), shortened(text));
  }

  private static String shortened(String text) {
    return text != null && text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
  }

  private static String firstNonBlank(String first, String second) {
    return isBlank(first) ? second : first;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
