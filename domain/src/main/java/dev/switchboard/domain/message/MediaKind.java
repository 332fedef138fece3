package dev.switchboard.domain.message;

/**
 * The kinds of media customers and agents exchange. How large each may be is the channel's and the
 * contact center's to say (see {@code ChannelCapabilities}).
 */
public enum MediaKind {
  IMAGE,
  VIDEO,
  AUDIO,
  DOCUMENT,
  STICKER
}
