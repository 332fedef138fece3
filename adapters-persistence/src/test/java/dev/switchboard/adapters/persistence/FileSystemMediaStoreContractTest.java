package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.in.ServeMediaCommand;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.application.service.ServeMediaService;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media store contract on the embedded default: files in a temporary data folder, links
 * followed through the application's {@link ServeMediaService} (what {@code GET /media/{id}} runs).
 */
class FileSystemMediaStoreContractTest extends MediaStoreContractTest {

  static final String SIGNING_KEY = "media-signing-key-for-tests";
  static final String PUBLIC_URL = "https://bridge.example.com";

  @TempDir Path dataDir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final MediaLinks links = new MediaLinks(SIGNING_KEY, PUBLIC_URL);

  @Override
  MediaStore newStore() {
    return new FileSystemMediaStore(dataDir.toString(), links, clock);
  }

  @Override
  Instant passTime() {
    clock.advance(Duration.ofMinutes(1));
    return clock.instant();
  }

  @Override
  Instant now() {
    return clock.instant();
  }

  @Override
  Fetched follow(String link) {
    return follow(store, links, clock, link);
  }

  /** What {@code GET /media/{id}?expires&signature} answers for {@code link}. */
  static Fetched follow(MediaStore store, MediaLinks links, MutableClock clock, String link) {
    URI uri = URI.create(link);
    if (!link.startsWith(PUBLIC_URL + "/media/")) {
      return new Fetched(404, new byte[0]);
    }
    String id =
        URLDecoder.decode(uri.getRawPath().substring("/media/".length()), StandardCharsets.UTF_8);
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] nameValue = pair.split("=", 2);
      query.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    ServeMediaUseCase.Result result =
        new ServeMediaService(store, links, clock)
            .serve(new ServeMediaCommand(id, query.get("expires"), query.get("signature")));
    if (result instanceof ServeMediaUseCase.Served served) {
      return new Fetched(200, served.media().content());
    }
    if (result instanceof ServeMediaUseCase.Forbidden) {
      return new Fetched(403, new byte[0]);
    }
    return new Fetched(404, new byte[0]);
  }
}
