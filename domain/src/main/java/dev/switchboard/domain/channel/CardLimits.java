package dev.switchboard.domain.channel;

import dev.switchboard.domain.message.OutboundContent;
import java.util.Optional;

/**
 * How many buttons one card carries on a channel: buttons that answer the contact center
 * (postbacks), buttons that open a web page (links), and whether one card may have both.
 *
 * @param maxPostbacks the most postbacks on one card
 * @param maxLinks the most links on one card
 * @param mixed whether one card may have postbacks and links together
 */
public record CardLimits(int maxPostbacks, int maxLinks, boolean mixed) {

  public CardLimits {
    if (maxPostbacks < 0 || maxLinks < 0) {
      throw new IllegalArgumentException("card limits cannot be negative");
    }
  }

  /** Why {@code card} does not fit on one message of the channel; empty when it does. */
  public Optional<String> whyNot(OutboundContent.Card card) {
    int postbacks = card.postbacks().size();
    int links = card.links().size();
    if (postbacks > maxPostbacks) {
      return Optional.of(
          "a card with "
              + postbacks
              + " buttons (Postback actions): at most "
              + maxPostbacks
              + " fit on one message");
    }
    if (links > maxLinks) {
      return Optional.of(
          "a card with " + links + " Link actions: at most " + maxLinks + " fit on one message");
    }
    if (!mixed && postbacks > 0 && links > 0) {
      return Optional.of(
          "a card with both Postback and Link actions: one message carries buttons or a link, not"
              + " both");
    }
    return Optional.empty();
  }
}
