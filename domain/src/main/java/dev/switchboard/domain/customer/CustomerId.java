package dev.switchboard.domain.customer;

import java.util.Objects;

/**
 * Who the customer is: a phone number, or an opaque business-scoped user id when WhatsApp hides the
 * number.
 */
public sealed interface CustomerId permits CustomerId.Phone, CustomerId.Opaque {

  /** The id as both sides write it: E.164 for a phone, the user id as given otherwise. */
  String value();

  /** The id with all but its last four characters masked, for logs that must not carry it. */
  default String masked() {
    return PhoneNumber.mask(value());
  }

  /** A customer known by phone number. */
  record Phone(PhoneNumber number) implements CustomerId {
    public Phone {
      Objects.requireNonNull(number, "number");
    }

    @Override
    public String value() {
      return number.e164();
    }

    @Override
    public String toString() {
      return "Phone[" + number + "]";
    }
  }

  /** A customer known only by a business-scoped user id. */
  record Opaque(String userId) implements CustomerId {
    public Opaque {
      Objects.requireNonNull(userId, "userId");
      if (userId.isBlank()) {
        throw new IllegalArgumentException("a user id must not be blank");
      }
    }

    @Override
    public String value() {
      return userId;
    }
  }

  static CustomerId phone(String raw) {
    return new Phone(PhoneNumber.parse(raw));
  }

  static CustomerId opaque(String userId) {
    return new Opaque(userId);
  }
}
