package dev.switchboard.application.port.in;

import dev.switchboard.domain.message.MediaBytes;

/** Serves the re-hosted bytes of a customer's attachment to whoever holds a valid link. */
public interface ServeMediaUseCase {

  /** The bytes when the link is valid and unexpired, else why not. */
  Result serve(ServeMediaCommand command);

  /** What a media request gets. */
  sealed interface Result permits Served, Forbidden, Gone {}

  /** The bytes. */
  record Served(MediaBytes media) implements Result {}

  /** The link is missing, tampered with, for another id, or expired. */
  record Forbidden() implements Result {}

  /** The link is valid but the bytes are no longer kept. */
  record Gone() implements Result {}
}
