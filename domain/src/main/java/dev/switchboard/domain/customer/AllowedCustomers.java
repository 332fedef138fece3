package dev.switchboard.domain.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may write on a connection: everyone when the list is empty, else only the customers it names.
 * An entry names a customer by phone number (compared in E.164, whether written with {@code +} or
 * not), by the channel's own user id (compared exactly), or by a public handle such as a Telegram
 * {@code @username} (compared without regard to case).
 */
public final class AllowedCustomers {

  private static final AllowedCustomers EVERYONE = new AllowedCustomers(List.of());

  private final List<Entry> entries;

  private AllowedCustomers(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No list: everyone may write. */
  public static AllowedCustomers everyone() {
    return EVERYONE;
  }

  /**
   * The customers the entries name; blank entries are left out.
   *
   * @throws IllegalArgumentException when an entry starts with {@code @} but names no handle
   */
  public static AllowedCustomers of(List<String> entries) {
    List<Entry> parsed = new ArrayList<>();
    for (String raw : entries) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String entry = raw.strip();
      if (entry.startsWith("@") && entry.length() == 1) {
        throw new IllegalArgumentException("'@' alone names no handle");
      }
      parsed.add(new Entry(entry, e164(entry)));
    }
    return parsed.isEmpty() ? EVERYONE : new AllowedCustomers(parsed);
  }

  /** Whether the list is empty: everyone may write. */
  public boolean admitsEveryone() {
    return entries.isEmpty();
  }

  /** Whether {@code customer}, known by {@code id} and perhaps {@code handle}, may write. */
  public boolean admits(CustomerId id, String handle) {
    Objects.requireNonNull(id, "id");
    if (entries.isEmpty()) {
      return true;
    }
    for (Entry entry : entries) {
      if (id instanceof CustomerId.Phone && id.value().equals(entry.e164())) {
        return true;
      }
      if (id.value().equals(entry.raw())) {
        return true;
      }
      if (handle != null && entry.raw().startsWith("@") && sameHandle(entry.raw(), handle)) {
        return true;
      }
    }
    return false;
  }

  /** How many customers are named. */
  public int size() {
    return entries.size();
  }

  private static boolean sameHandle(String entry, String handle) {
    String bare = handle.startsWith("@") ? handle.substring(1) : handle;
    return entry.substring(1).toLowerCase(Locale.ROOT).equals(bare.toLowerCase(Locale.ROOT));
  }

  /** The entry in E.164 when it reads as a phone number; {@code null} otherwise. */
  private static String e164(String entry) {
    String digits = entry.replaceAll("[\\s().-]", "");
    if (!digits.matches("\\+?[0-9]{7,15}")) {
      return null;
    }
    try {
      return PhoneNumber.parse(digits).e164();
    } catch (IllegalArgumentException notAPhoneNumber) {
      return null;
    }
  }

  @Override
  public String toString() {
    // the entries are customers' numbers and ids: only their count is shown
    return entries.isEmpty() ? "AllowedCustomers[everyone]" : "AllowedCustomers[" + size() + "]";
  }

  private record Entry(String raw, String e164) {}
}
