package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.port.in.ServeMediaCommand;
import dev.switchboard.application.port.in.ServeMediaUseCase;
import dev.switchboard.application.security.MediaLinks;
import dev.switchboard.domain.message.MediaBytes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServeMediaServiceTest {

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryMediaStore store = new InMemoryMediaStore(clock);
  private final MediaLinks links = new MediaLinks("signing-secret", "https://bridge.example.com");
  private final ServeMediaService service = new ServeMediaService(store, links, clock);

  private final MediaBytes png =
      new MediaBytes("png-bytes".getBytes(StandardCharsets.UTF_8), "image/png", "cat.png");

  /** The command the media endpoint makes of a link's path and query. */
  private static ServeMediaCommand requestFor(String link) {
    URI uri = URI.create(link);
    String id = uri.getPath().substring("/media/".length());
    String expires = null;
    String signature = null;
    for (String pair : uri.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals("expires")) {
        expires = kv[1];
      } else if (kv[0].equals("signature")) {
        signature = kv[1];
      }
    }
    return new ServeMediaCommand(id, expires, signature);
  }

  private ServeMediaCommand linkTo(String id, Duration lifetime) {
    return requestFor(links.link(id, clock.instant().plus(lifetime)));
  }

  @Test
  void a_valid_link_serves_the_stored_bytes() {
    String id = store.put("wamid.1", png);

    ServeMediaUseCase.Result result = service.serve(linkTo(id, Duration.ofHours(1)));

    assertThat(result).isEqualTo(new ServeMediaUseCase.Served(png));
  }

  @Test
  void an_expired_link_is_forbidden_although_the_bytes_are_kept() {
    String id = store.put("wamid.1", png);
    ServeMediaCommand request = linkTo(id, Duration.ofHours(1));

    clock.advance(Duration.ofHours(1));

    assertThat(service.serve(request)).isInstanceOf(ServeMediaUseCase.Forbidden.class);
  }

  @Test
  void a_link_for_another_id_is_forbidden() {
    String id = store.put("wamid.1", png);
    String other = store.put("wamid.2", png);
    ServeMediaCommand toOther = linkTo(other, Duration.ofHours(1));

    ServeMediaCommand borrowed = new ServeMediaCommand(id, toOther.expires(), toOther.signature());

    assertThat(service.serve(borrowed)).isInstanceOf(ServeMediaUseCase.Forbidden.class);
  }

  @Test
  void a_request_without_signature_is_forbidden() {
    String id = store.put("wamid.1", png);

    assertThat(service.serve(new ServeMediaCommand(id, null, null)))
        .isInstanceOf(ServeMediaUseCase.Forbidden.class);
  }

  @Test
  void a_forbidden_request_learns_nothing_of_whether_the_media_exists() {
    ServeMediaCommand forged = new ServeMediaCommand("media-nothing", "9999999999", "forged");

    assertThat(service.serve(forged)).isInstanceOf(ServeMediaUseCase.Forbidden.class);
  }

  @Test
  void a_valid_link_to_media_no_longer_kept_is_gone() {
    String id = store.put("wamid.1", png);
    ServeMediaCommand request = linkTo(id, Duration.ofDays(60));
    clock.advance(Duration.ofDays(31));
    store.deleteStoredBefore(clock.instant());

    assertThat(service.serve(request)).isInstanceOf(ServeMediaUseCase.Gone.class);
  }

  @Test
  void a_valid_link_to_media_never_stored_is_gone() {
    assertThat(service.serve(linkTo("media-never", Duration.ofHours(1))))
        .isInstanceOf(ServeMediaUseCase.Gone.class);
  }

  @Test
  void the_expiry_is_judged_by_the_clock_at_the_request() {
    String id = store.put("wamid.1", png);
    Instant expiry = clock.instant().plusSeconds(10);
    ServeMediaCommand request = requestFor(links.link(id, expiry));

    clock.set(expiry.minusSeconds(1));
    assertThat(service.serve(request)).isInstanceOf(ServeMediaUseCase.Served.class);

    clock.set(expiry);
    assertThat(service.serve(request)).isInstanceOf(ServeMediaUseCase.Forbidden.class);
  }
}
