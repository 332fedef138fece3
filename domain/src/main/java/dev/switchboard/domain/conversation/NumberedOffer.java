package dev.switchboard.domain.conversation;

import dev.switchboard.domain.message.QuickReply;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options the contact center offered that the channel could not show to tap, sent as a numbered
 * text instead: the customer's next message, when it is just one of those numbers, is the choice of
 * that option.
 *
 * @param contactCenterMessageId the contact center's id of the message that offered them
 * @param options the options, numbered from 1 in this order
 */
public record NumberedOffer(String contactCenterMessageId, List<QuickReply> options) {

  /** A number and nothing else (spaces and a closing dot or bracket allowed, as people type). */
  private static final Pattern JUST_A_NUMBER = Pattern.compile("\\s*(\\d{1,4})\\s*[.)]?\\s*");

  public NumberedOffer {
    Objects.requireNonNull(contactCenterMessageId, "contactCenterMessageId");
    options = List.copyOf(options);
    if (options.isEmpty()) {
      throw new IllegalArgumentException("an offer has at least one option");
    }
  }

  /** The option {@code text} chooses, when it is just the number of one. */
  public Optional<QuickReply> chosenBy(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher number = JUST_A_NUMBER.matcher(text);
    if (!number.matches()) {
      return Optional.empty();
    }
    int chosen = Integer.parseInt(number.group(1));
    return chosen >= 1 && chosen <= options.size()
        ? Optional.of(options.get(chosen - 1))
        : Optional.empty();
  }
}
