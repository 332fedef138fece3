package dev.switchboard.domain.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Objects;

/**
 * A phone number in E.164 form ({@code +} and digits), normalised through libphonenumber.
 *
 * <p>WhatsApp writes numbers without the {@code +} ({@code 16505551234}); Genesys and this bridge
 * use E.164 ({@code +16505551234}). {@link #parse(String)} accepts both, and the usual human
 * spellings with spaces, dashes and brackets.
 */
public record PhoneNumber(String e164) {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  public PhoneNumber {
    Objects.requireNonNull(e164, "e164");
    if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
      throw new IllegalArgumentException("not an E.164 phone number: " + mask(e164));
    }
  }

  /**
   * Parses a number written with or without a leading {@code +}, always read as international.
   *
   * @throws IllegalArgumentException when it is not a possible phone number
   */
  public static PhoneNumber parse(String raw) {
    Objects.requireNonNull(raw, "raw");
    String trimmed = raw.strip();
    String international = trimmed.startsWith("+") ? trimmed : "+" + trimmed;
    try {
      var parsed = UTIL.parse(international, "ZZ");
      if (!UTIL.isPossibleNumber(parsed)) {
        throw new IllegalArgumentException("not a possible phone number: " + mask(raw));
      }
      return new PhoneNumber(UTIL.format(parsed, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("not a phone number: " + mask(raw), e);
    }
  }

  /** The number as WhatsApp writes it: digits only, no {@code +}. */
  public String waId() {
    return e164.substring(1);
  }

  /** Masks all but the last four characters, for error messages that must not carry numbers. */
  static String mask(String value) {
    if (value.length() <= 4) {
      return "****";
    }
    return "*".repeat(value.length() - 4) + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return mask(e164);
  }
}
