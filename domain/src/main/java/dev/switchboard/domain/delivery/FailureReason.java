package dev.switchboard.domain.delivery;

/** Why a message could not be delivered, in the contact center's vocabulary. */
public enum FailureReason {
  /** The 24-hour customer service window is closed. */
  MESSAGE_EXPIRED,
  /** The channel throttled the sender. */
  RATE_LIMITED,
  /** The recipient cannot receive messages on the channel. */
  INVALID_DESTINATION,
  /** The channel does not allow this message. */
  MESSAGE_NOT_ALLOWED,
  /** The channel does not support this kind of message. */
  UNSUPPORTED_MESSAGE,
  /** The message is malformed for the channel. */
  INVALID_MESSAGE_STRUCTURE,
  /** The attachment's media type is not allowed. */
  MEDIA_TYPE_NOT_ALLOWED,
  /** The attachment is too large (or empty). */
  INVALID_MEDIA_CONTENT_LENGTH,
  /** The recipient opted out. */
  RECIPIENT_OPTED_OUT,
  /** Any other failure. */
  GENERAL_ERROR
}
