package dev.switchboard.domain.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer the contact center offers the customer to tap.
 *
 * @param title what the customer sees
 * @param payload what the contact center gets back when it is chosen
 * @param button whether it is a card's button (a postback) rather than a quick reply; the contact
 *     center is told which kind of answer was tapped
 */
public record QuickReply(String title, String payload, boolean button) {
  public QuickReply {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(payload, "payload");
    if (title.isBlank()) {
      throw new IllegalArgumentException("a quick reply needs a title");
    }
  }

  /** A quick reply (not a card's button). */
  public QuickReply(String title, String payload) {
    this(title, payload, false);
  }

  /** A card's button that answers with {@code payload}. */
  public static QuickReply postback(String title, String payload) {
    return new QuickReply(title, payload, true);
  }

  private static final String ID_PREFIX = "qr-";

  /** The id the option at {@code index} of an offer is sent with, to trace a tap back to it. */
  public static String idAt(int index) {
    return ID_PREFIX + index;
  }

  /** The option of {@code offered} that was sent with {@code replyId}. */
  public static Optional<QuickReply> chosen(List<QuickReply> offered, String replyId) {
    if (replyId == null || !replyId.startsWith(ID_PREFIX)) {
      return Optional.empty();
    }
    try {
      int index = Integer.parseInt(replyId.substring(ID_PREFIX.length()));
      // only the id this bridge sends for the index counts ("qr-01" or "qr-+1" are not ours)
      return index >= 0 && index < offered.size() && idAt(index).equals(replyId)
          ? Optional.of(offered.get(index))
          : Optional.empty();
    } catch (NumberFormatException notOurs) {
      return Optional.empty();
    }
  }
}
