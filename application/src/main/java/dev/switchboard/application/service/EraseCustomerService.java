package dev.switchboard.application.service;

import dev.switchboard.application.port.in.EraseCustomerCommand;
import dev.switchboard.application.port.in.EraseCustomerUseCase;
import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Erases one customer: their rows and those of every id linked with them, then the media stored for
 * each of those ids. An id made of digits (with or without {@code +}) may be a phone number or a
 * channel's user id (Telegram's are digits): both are erased.
 */
public final class EraseCustomerService implements EraseCustomerUseCase {

  private static final System.Logger LOG = System.getLogger(EraseCustomerService.class.getName());

  private final CustomerRecords records;
  private final MediaStore media;

  public EraseCustomerService(CustomerRecords records, MediaStore media) {
    this.records = Objects.requireNonNull(records, "records");
    this.media = Objects.requireNonNull(media, "media");
  }

  @Override
  public boolean erase(EraseCustomerCommand command) {
    Set<CustomerId> erased = new LinkedHashSet<>();
    int rowsFound = 0;
    for (CustomerId candidate : candidates(command.id())) {
      List<CustomerId> ids = records.erase(command.connection(), candidate);
      rowsFound += ids.size();
      erased.add(candidate);
      erased.addAll(ids);
    }
    int mediaDeleted = 0;
    for (CustomerId id : erased) {
      mediaDeleted += media.deleteOwnedBy(new ConversationKey(command.connection(), id));
    }
    boolean found = rowsFound > 0 || mediaDeleted > 0;
    LOG.log(
        Level.INFO,
        "customer {0} on {1} {2}: rows of {3} ids, {4} media",
        candidates(command.id()).get(0).masked(),
        command.connection().value(),
        found ? "erased" : "not found",
        rowsFound,
        mediaDeleted);
    return found;
  }

  /** The ids {@code raw} may name: a phone number when it is one, and a user id. */
  static List<CustomerId> candidates(String raw) {
    List<CustomerId> ids = new ArrayList<>();
    String digits = raw.startsWith("+") ? raw.substring(1) : raw;
    if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        ids.add(CustomerId.phone(raw));
      } catch (IllegalArgumentException notAPhoneNumber) {
        // a user id made of digits
      }
    }
    ids.add(CustomerId.opaque(raw));
    return ids;
  }
}
