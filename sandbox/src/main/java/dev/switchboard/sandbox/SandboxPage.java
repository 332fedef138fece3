package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /sandbox}: the page (a phone beside an agent desk, and the bridge's pipeline), with
 * its script and style from this module's resources: nothing from the network.
 */
@Controller("/sandbox")
@Requires(property = Sandbox.ENABLED, value = "true")
final class SandboxPage {

  private static final Map<String, String> ASSETS =
      Map.of(
          "sandbox.css", "text/css; charset=utf-8",
          "sandbox.js", "text/javascript; charset=utf-8",
          "favicon.svg", "image/svg+xml");

  @Get(produces = MediaType.TEXT_HTML)
  HttpResponse<byte[]> page() {
    return HttpResponse.ok(resource("index.html").orElseThrow())
        .contentType(MediaType.TEXT_HTML + "; charset=utf-8")
        .header("Cache-Control", "no-store");
  }

  @Get(uri = "/assets/{name}", produces = MediaType.ALL)
  HttpResponse<byte[]> asset(String name) {
    String type = ASSETS.get(name);
    if (type == null) {
      return HttpResponse.notFound();
    }
    return resource(name)
        .map(bytes -> HttpResponse.ok(bytes).contentType(type).header("Cache-Control", "no-store"))
        .orElseGet(HttpResponse::notFound);
  }

  private static Optional<byte[]> resource(String name) {
    try (InputStream in = SandboxPage.class.getResourceAsStream("/sandbox/" + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
