package dev.switchboard.application.port.out;

import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.message.MediaBytes;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the bytes of customers' attachments and hands out expiring links to them, so that the
 * contact center never needs the channel's credentials.
 */
public interface MediaStore {

  /**
   * Stores bytes under {@code key} (the message they came with); storing the same key again gives
   * the same id. Returns the id.
   */
  String put(String key, MediaBytes media);

  /**
   * Stores bytes under {@code key} like {@link #put(String, MediaBytes)}, remembering that they
   * belong to {@code owner}'s conversation, so that {@link #deleteOwnedBy} can find them.
   */
  String put(String key, MediaBytes media, ConversationKey owner);

  /** Deletes what was stored for {@code owner}; returns how many were deleted. */
  int deleteOwnedBy(ConversationKey owner);

  /** The bytes stored under {@code id}, while they are kept. */
  Optional<MediaBytes> get(String id);

  /** A link to the bytes that works until {@code expiresAt}. */
  String link(String id, Instant expiresAt);

  /** Deletes what was stored before {@code cutoff}; returns how many were deleted. */
  int deleteStoredBefore(Instant cutoff);
}
