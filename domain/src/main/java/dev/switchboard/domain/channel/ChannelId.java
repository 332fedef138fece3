package dev.switchboard.domain.channel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A messaging channel customers use, by name: {@code whatsapp}, {@code telegram}, and whatever
 * channel is added later. The core knows no channel by name; it asks each one for its {@link
 * ChannelCapabilities}.
 *
 * @param value lower case letters, digits and {@code -}, starting with a letter, at most 32
 */
public record ChannelId(String value) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public ChannelId {
    Objects.requireNonNull(value, "value");
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a channel name is lower case letters, digits and -, starting with a letter, at most 32"
              + " characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
