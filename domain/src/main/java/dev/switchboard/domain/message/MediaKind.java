package dev.switchboard.domain.message;

/**
 * The kinds of media WhatsApp carries, with WhatsApp's size limit for each. What goes to the
 * contact center is further bounded by {@link #CONTACT_CENTER_LIMIT}.
 */
public enum MediaKind {
  IMAGE(5L * 1024 * 1024),
  VIDEO(16L * 1024 * 1024),
  AUDIO(16L * 1024 * 1024),
  DOCUMENT(100L * 1024 * 1024),
  STICKER(500L * 1024);

  /** The largest attachment the contact center (Genesys) takes. */
  public static final long CONTACT_CENTER_LIMIT = 25L * 1024 * 1024;

  private final long channelLimit;

  MediaKind(long channelLimit) {
    this.channelLimit = channelLimit;
  }

  /** The largest file of this kind WhatsApp carries. */
  public long channelLimit() {
    return channelLimit;
  }

  /** The largest file of this kind that can go from a customer to the contact center. */
  public long inboundLimit() {
    return Math.min(channelLimit, CONTACT_CENTER_LIMIT);
  }
}
