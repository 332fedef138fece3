package dev.switchboard.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Keeps the bytes of customers' attachments and hands out expiring links to them. */
public interface MediaStore {

  /** Stores bytes; returns the id they are stored under. */
  String put(byte[] content, String mimeType, String filename);

  /** The stored bytes, if they are still kept. */
  Optional<StoredMedia> get(String id);

  /** A link to the bytes that works until {@code expiresAt} and nowhere else. */
  String signedUrl(String id, Instant expiresAt);

  /** Deletes what was stored longer ago than {@code retention}; returns how many. */
  int deleteOlderThan(Duration retention, Instant now);

  /** Stored bytes with their media type and file name. */
  record StoredMedia(String id, byte[] content, String mimeType, String filename) {}
}
