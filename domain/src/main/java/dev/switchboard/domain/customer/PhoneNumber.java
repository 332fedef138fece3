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

  /** Mexico's mobile numbers as WhatsApp still gives some: {@code 52}, {@code 1}, ten digits. */
  private static final String MEXICO_LEGACY_MOBILE = "521[0-9]{10}";

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

  /**
   * The number a channel states its customer writes from (WhatsApp's {@code wa_id}), relayed rather
   * than second-guessed: 7 to 15 digits, with or without a leading {@code +}, become {@code +} and
   * those digits even when libphonenumber finds the number unusual. The one rewrite is Mexico's
   * legacy mobile form, {@code 521} and ten digits, which becomes {@code +52} and the ten digits
   * when libphonenumber knows that as a valid number: the form the rest of the world dials.
   *
   * @throws IllegalArgumentException when it is not 7 to 15 digits (the first not 0)
   */
  public static PhoneNumber relayed(String raw) {
    Objects.requireNonNull(raw, "raw");
    String stripped = raw.strip();
    String digits = stripped.startsWith("+") ? stripped.substring(1) : stripped;
    if (!digits.matches("[1-9][0-9]{6,14}")) {
      throw new IllegalArgumentException(
          "not 7 to 15 digits, so not a phone number: " + mask(digits));
    }
    if (digits.matches(MEXICO_LEGACY_MOBILE)) {
      String mexican = "+52" + digits.substring(3);
      try {
        if (UTIL.isValidNumber(UTIL.parse(mexican, "ZZ"))) {
          return new PhoneNumber(mexican);
        }
      } catch (NumberParseException notMexican) {
        // relayed as given
      }
    }
    return new PhoneNumber("+" + digits);
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
