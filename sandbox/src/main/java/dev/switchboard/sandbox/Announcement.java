package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says SANDBOX in the log once the server is up, with the page's address, and checks that the
 * server got the port the simulated services' URLs name.
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class Announcement implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger("SANDBOX");

  private final SandboxSettings settings;
  private final BridgeCalls calls;
  private final Feed feed;

  Announcement(SandboxSettings settings, BridgeCalls calls, Feed feed) {
    this.settings = settings;
    this.calls = calls;
    this.feed = feed;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    int bound = event.getSource().getPort();
    LOG.info(
        "SANDBOX: no real accounts; simulated WhatsApp, Telegram and Genesys under {}/sandbox;"
            + " open {}/sandbox (data in {})",
        settings.bridgeUrl,
        settings.bridgeUrl,
        settings.dataDir);
    if (bound != settings.port) {
      LOG.error(
          "SANDBOX: the server listens on {} but the simulated services were set up for {}",
          bound,
          settings.port);
    }
    feed.publish("ready", Map.of("port", bound));
  }
}
