package dev.switchboard.adapters.genesys;

import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.port.in.ServeMediaCommand;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.application.service.ServeMediaService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The media beans of the controller tests' context: the real {@link ServeMediaService} over an
 * in-memory store, signed links under {@link #PUBLIC_URL}, and a clock the tests move (held in
 * {@link Time}).
 */
@Factory
class MediaBeans {

  static final String PUBLIC_URL = "https://bridge.example.com";
  static final String SECRET = "media-link-secret-0123456789";

  /** A use case that serves through the real service, or fails when told to. */
  static final class FailingServe implements ServeMediaUseCase {
    private final ServeMediaUseCase real;
    private volatile RuntimeException failure;

    FailingServe(ServeMediaUseCase real) {
      this.real = real;
    }

    void failWith(RuntimeException next) {
      this.failure = next;
    }

    @Override
    public Result serve(ServeMediaCommand command) {
      RuntimeException next = failure;
      if (next != null) {
        throw next;
      }
      return real.serve(command);
    }
  }

  /** The media's clock, held so that it is no {@code Clock} bean other tests' beans could get. */
  record Time(MutableClock clock) {}

  @Singleton
  Time time() {
    return new Time(new MutableClock(Instant.parse("2025-06-10T21:00:00Z")));
  }

  @Singleton
  InMemoryMediaStore store(Time time) {
    return new InMemoryMediaStore(time.clock());
  }

  @Singleton
  MediaLinks links() {
    return new MediaLinks(SECRET, PUBLIC_URL);
  }

  @Singleton
  FailingServe serve(InMemoryMediaStore store, MediaLinks links, Time time) {
    return new FailingServe(new ServeMediaService(store, links, time.clock()));
  }
}
