package dev.switchboard.application.service;

import dev.switchboard.application.port.in.ServeMediaCommand;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.security.MediaLinks;
import java.time.Clock;
import java.util.Objects;

/** Serves stored media to holders of a valid, unexpired signed link. */
public final class ServeMediaService implements ServeMediaUseCase {

  private final MediaStore store;
  private final MediaLinks links;
  private final Clock clock;

  public ServeMediaService(MediaStore store, MediaLinks links, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.links = Objects.requireNonNull(links, "links");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Result serve(ServeMediaCommand command) {
    if (!links.allows(command.id(), command.expires(), command.signature(), clock.instant())) {
      return new Forbidden();
    }
    return store.get(command.id()).<Result>map(Served::new).orElseGet(Gone::new);
  }
}
