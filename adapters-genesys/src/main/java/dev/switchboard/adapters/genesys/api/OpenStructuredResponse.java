package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A customer's tap on a quick reply, for {@code POST .../inbound/open/structured/response} ({@code
 * OpenInboundStructuredResponseMessage}).
 *
 * @param channel the tap's message id, the customer and the time
 * @param buttonResponse what was tapped
 * @param originatingMessageId Genesys' id of the structured message that offered it
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenStructuredResponse(
    OpenInboundChannel channel, ButtonResponse buttonResponse, String originatingMessageId) {

  /**
   * The tapped answer ({@code ContentButtonResponse}).
   *
   * @param type {@code QuickReply} (or {@code Button})
   * @param text the answer's text as offered
   * @param payload the answer's payload as offered
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ButtonResponse(String type, String text, @Nullable String payload) {

    /** {@code type} of a tap on a quick reply. */
    public static final String QUICK_REPLY = "QuickReply";

    /** {@code type} of a tap on a card's button (a postback). */
    public static final String BUTTON = "Button";
  }

  @Override
  public String toString() {
    return "OpenStructuredResponse[originatingMessageId=" + originatingMessageId + "]";
  }
}
