package dev.switchboard.domain.channel;

import dev.switchboard.domain.message.MediaKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a channel can carry and which rules it imposes, as it declares them: the core asks, it never
 * assumes.
 *
 * @param textLimit the longest text of one send, in characters; longer texts become several sends
 * @param captionLimit the longest caption of one attachment; a longer one follows as text
 * @param maxTappableOptions the most options one message offers to tap; more become a numbered text
 * @param mediaLimits the kinds of media the channel carries, each with the largest file it takes
 * @param serviceWindow how long after the customer's last message free-form messages may be sent
 *     ({@code null}: at any time)
 * @param templates whether the channel sends pre-approved templates
 * @param reportsDelivery whether the channel reports later what became of a send (delivered, read,
 *     failed); when it does not, a send it accepted counts as delivered
 * @param cards how many buttons and links one card carries
 */
public record ChannelCapabilities(
    int textLimit,
    int captionLimit,
    int maxTappableOptions,
    Map<MediaKind, Long> mediaLimits,
    Duration serviceWindow,
    boolean templates,
    boolean reportsDelivery,
    CardLimits cards) {

  public ChannelCapabilities {
    Objects.requireNonNull(cards, "cards");
    if (textLimit < 1 || captionLimit < 1 || maxTappableOptions < 1) {
      throw new IllegalArgumentException("text, caption and option limits must be positive");
    }
    Objects.requireNonNull(mediaLimits, "mediaLimits");
    mediaLimits = mediaLimits.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(mediaLimits));
    mediaLimits.forEach(
        (kind, limit) -> {
          if (limit == null || limit < 1) {
            throw new IllegalArgumentException("the limit of " + kind + " must be positive");
          }
        });
    if (serviceWindow != null && (serviceWindow.isNegative() || serviceWindow.isZero())) {
      throw new IllegalArgumentException("a service window must be positive");
    }
  }

  /**
   * A channel whose cards carry as many buttons and links as it offers options to tap, mixed as the
   * agent wants.
   */
  public ChannelCapabilities(
      int textLimit,
      int captionLimit,
      int maxTappableOptions,
      Map<MediaKind, Long> mediaLimits,
      Duration serviceWindow,
      boolean templates,
      boolean reportsDelivery) {
    this(
        textLimit,
        captionLimit,
        maxTappableOptions,
        mediaLimits,
        serviceWindow,
        templates,
        reportsDelivery,
        new CardLimits(Math.max(maxTappableOptions, 1), Math.max(maxTappableOptions, 1), true));
  }

  /** Whether free-form messages are only allowed for a while after the customer's last one. */
  public boolean hasServiceWindow() {
    return serviceWindow != null;
  }

  /** The largest file of this kind the channel carries; empty when it does not carry the kind. */
  public OptionalLong mediaLimit(MediaKind kind) {
    Long limit = mediaLimits.get(kind);
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }
}
